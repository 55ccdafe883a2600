import { describe, expect, it } from "vitest";
import { outreachMailto } from "../../../src/lib/outreachMailto";
import { explainPageError, splitCrawledPages } from "../../../src/lib/pageStatus";

describe("crawled pages in the report", () => {
  it("lists the pages that returned errors apart, each with what its status means", () => {
    const pages = [
      { url: "https://x.example/", statusCode: 200 },
      { url: "https://x.example/old-offers", statusCode: 404 },
      { url: "https://x.example/about", statusCode: 301 },
      { url: "https://x.example/admin", statusCode: 403 },
      { url: "https://x.example/slow", statusCode: 0, error: "Timed out after 10000 ms" },
      { url: "https://x.example/broken", statusCode: 503 },
    ];
    const { loaded, errors } = splitCrawledPages(pages);
    expect(loaded.map((p) => p.url)).toEqual(["https://x.example/", "https://x.example/about"]);
    expect(errors.map(explainPageError)).toEqual([
      "Not found (404): a link on the site or its sitemap leads to a page that no longer exists, so visitors who follow it hit a dead end.",
      "Access denied (403): the page is private or the server refused our request.",
      "Not fetched: Timed out after 10000 ms.",
      "Server error (503): the website's server failed while answering.",
    ]);
  });
});

describe("outreachMailto", () => {
  it("opens the draft addressed to the lead, subject and body encoded with CRLF line breaks", () => {
    expect(outreachMailto("frontdesk@harborviewdental.example", "A quick idea & more", "Hi team,\n\nBest")).toBe(
      "mailto:frontdesk@harborviewdental.example?subject=A%20quick%20idea%20%26%20more&body=Hi%20team%2C%0D%0A%0D%0ABest",
    );
  });

  it("leaves the recipient empty when the email is unknown or not an address", () => {
    expect(outreachMailto(undefined, "S", "B")).toBe("mailto:?subject=S&body=B");
    expect(outreachMailto("not an email", "S", "B")).toBe("mailto:?subject=S&body=B");
  });
});
