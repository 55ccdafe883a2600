import { describe, expect, it } from "vitest";
import { jargonProblems } from "../../lib/plainText";

describe("jargonProblems (model-written text for the owner)", () => {
  it.each([
    ["Your home page has no viewport tag.", '"viewport"'],
    ["We would add JSON-LD for your business.", '"JSON-LD"'],
    ["Your pages lack a meta description.", '"meta tags"'],
    ["The phone number is not a (tel:) link.", '"tel: or mailto: links"'],
    ["We add schema markup so Google shows your hours.", '"schema markup"'],
    ["Your H1 heading is missing and there is no sitemap.", '"H1 headings", "robots.txt or sitemaps"'],
    ["Your Core Web Vitals are poor and the CTA is hidden.", '"speed metrics", "marketing acronyms"'],
  ])("flags %j", (text, words) => {
    expect(jargonProblems(text)).toEqual([`technical jargon (${words})`]);
  });

  it("passes plain English, including a signature's phone line", () => {
    expect(jargonProblems("Your site doesn't adjust to phones, so visitors on mobile have to pinch and zoom to read it.")).toEqual([]);
    expect(jargonProblems("Best regards,\nThe Brightside Digital team\nTel: (206) 555-0148")).toEqual([]);
  });

  it("passes a word the agency's own claims use", () => {
    const claims = "Every site we host ships with HTTPS and a free SSL certificate.";
    expect(jargonProblems("Every site we host comes with a free SSL certificate.", claims)).toEqual([]);
    expect(jargonProblems("Every site we host comes with a free SSL certificate.")).toEqual(['technical jargon ("SSL")']);
  });

  it("leaves a word inside a tag to the markup check", () => {
    expect(jargonProblems('Add <meta name="viewport"> to the home page.')).toEqual([]);
  });
});
