/**
 * Defect classes found on real small-business pages (issue: the auditor on the real web).
 * Each test uses the HTML shape seen on a real page; the class is fixed, not the instance.
 */
import { describe, expect, it } from "vitest";
import type { AuditedSite } from "../../../lib/audit/auditedSite";
import { checkCallToAction } from "../../../lib/audit/checks/callToAction";
import { checkContactEmail } from "../../../lib/audit/checks/contactEmail";
import { checkHttps } from "../../../lib/audit/checks/https";
import { checkMixedContent } from "../../../lib/audit/checks/mixedContent";
import { checkMobileFriendly, viewportProblem } from "../../../lib/audit/checks/mobileFriendly";
import { bookingEvidence } from "../../../lib/audit/checks/onlineBooking";
import { checkOutdated, obsoleteMarkup } from "../../../lib/audit/checks/outdated";
import { checkSeo } from "../../../lib/audit/checks/seo";
import { emailConfidence, emailsFromMailto, extractEmailCandidatesFromPage, isPlaceholderDomain, normaliseEmail } from "../../../lib/audit/emails";
import { auditPages } from "../../../lib/audit/heuristicAuditor";
import { parsePage } from "../../../lib/audit/parsedPage";
import { detectTechnology } from "../../../lib/audit/technology";
import { classifyPageFailure, websiteOutcome } from "../../../lib/audit/websiteOutcome";
import { auditInput, scraped } from "./fixtures";

const URL_ = "https://www.bestbistro.com/";
const NOW = new Date("2026-12-01T00:00:00Z");

function page(body: string, head = '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Best Bistro</title>', url = URL_) {
  return parsePage(scraped(url, `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`));
}
function site(...pages: ReturnType<typeof page>[]): AuditedSite {
  return { home: pages[0], pages, emails: [], now: NOW };
}

describe("contact email: placeholders, templates and agencies are never the business's address", () => {
  it.each([
    "email@domainname.com",
    "info@companyname.com",
    "support@sitename.com",
    "email.address@is.invalid",
    "user@example.invalid",
    "info@example.co.uk",
    "hello@yourdomain.com",
    "contact@yourwebsite.com",
    "your-email@your-domain.com",
    "information@untitled.tld",
    "name@example.com",
    "name@email.com",
    "logo@2x.png",
    "office@site.test",
  ])("rejects %s", (address) => {
    expect(normaliseEmail(address)).toBeUndefined();
  });

  it("keeps real addresses, including the demo businesses' reserved .example TLD", () => {
    expect(normaliseEmail("info@harborviewdental.example")).toBe("info@harborviewdental.example");
    expect(normaliseEmail("frontdesk@changessalon.com")).toBe("frontdesk@changessalon.com");
    expect(isPlaceholderDomain("mail.ru")).toBe(false);
  });

  it("drops the template author's and the credited web agency's addresses, and a template's sample brand", () => {
    const parsed = page(
      `<p class="info-box-subtitle">office@Constra.com</p><a href="mailto:feedback@startbootstrap.com">feedback@startbootstrap.com</a>
       <footer><p>Design and Developed By <a href="https://www.pixelagency.io">Pixel Agency</a> · <a href="mailto:hello@pixelagency.io">hello@pixelagency.io</a></p></footer>`,
      '<meta name="viewport" content="width=device-width"><title>Constra - Construction Html5 Template</title>',
    );
    expect(extractEmailCandidatesFromPage(parsed)).toEqual([]);
  });

  it("keeps the business's own address when a credit line sits next to a link home", () => {
    const parsed = page(`<footer><p>© 2026 <a href="https://www.bestbistro.com/">Best Bistro</a> · Website by <a href="https://pixelagency.io">Pixel</a> ·
      <a href="mailto:hello@bestbistro.com">hello@bestbistro.com</a></p></footer>`);
    expect(extractEmailCandidatesFromPage(parsed).map((f) => f.address)).toEqual(["hello@bestbistro.com"]);
  });

  it("decodes a percent-encoded obfuscated mailto and records how each address was found", () => {
    expect(emailsFromMailto("mailto:frontdesk%28at%29changessalon.com")).toEqual(["frontdesk@changessalon.com"]);
    const parsed = page(
      `<a href="mailto:frontdesk%28at%29changessalon.com">Email us</a><p>Bookings: bookings&#64;changessalon.com</p><p>Owner: maria [at] changessalon [dot] com</p>`,
    );
    const found = extractEmailCandidatesFromPage(parsed).map((f) => [f.address, f.method]);
    expect(found).toEqual([
      ["frontdesk@changessalon.com", "mailto"],
      ["bookings@changessalon.com", "entities"],
      ["maria@changessalon.com", "obfuscated"],
    ]);
  });

  it("says a placeholder mailto was there instead of claiming the page has no mailto link", () => {
    const finding = checkContactEmail({ ...site(page('<a href="mailto:name@example.com">name@example.com</a>')), emails: [] });
    expect(finding?.detail).toContain('"mailto:name@example.com"');
    expect(finding?.detail).not.toMatch(/no mailto/i);
    expect(finding?.evidence).toBe("mailto:name@example.com");
  });

  it("ranks the site's own domain above free-mail", () => {
    expect(emailConfidence("info@changessalon.com", "https://www.changessalon.com/")).toBe("high");
    expect(emailConfidence("changessalon@gmail.com", "https://www.changessalon.com/")).toBe("low");
    const audit = auditPages(
      auditInput(
        [scraped("https://www.changessalon.com/", '<a href="mailto:changessalon@gmail.com">Gmail</a> <a href="mailto:info@changessalon.com">Email</a>')],
        { website: "https://www.changessalon.com/" },
      ),
      NOW,
    );
    expect(audit.email).toBe("info@changessalon.com");
    expect(audit.emailProvenance[0]).toMatchObject({
      address: "info@changessalon.com",
      method: "mailto",
      confidence: "high",
      pageUrl: "https://www.changessalon.com/",
    });
  });
});

describe("copyright years", () => {
  it.each([
    ["<footer><span>Copyright &copy; Your Website 2023</span></footer>", 2023],
    ["<footer><p>© Bistro Restaurant 2015</p></footer>", 2015],
    ["<footer><p>Copyright © Best Bistro 2019. All rights reserved.</p></footer>", 2019],
    ["<footer><p>2015 Changes Salon &amp; Day Spa© All Rights Reserved</p></footer>", 2015],
    ["<footer><p>Law Office of Dana Whitfield, Attorney at Law | 2019</p></footer>", 2019],
  ])("reads %s as %i", (html, year) => {
    const finding = checkOutdated(site(page(html)));
    expect(finding?.detail).toContain(`copyright notice says ${year}`);
  });

  it("does not call a script-written year stale", () => {
    const html = "<footer><p>© 2015-<script>document.write(new Date().getFullYear())</script> Changes Salon</p></footer>";
    expect(checkOutdated(site(page(html)))).toBeNull();
  });

  it("sees Flash inserted by script", () => {
    const html =
      '<div id="intro"></div><script type="text/javascript">var fo = new FlashObject("/flash/intro.swf", "intro", "760", "420", "8");fo.write("intro");</script>';
    expect(obsoleteMarkup(page(html))).toContain("Flash (.swf) content");
  });
});

describe("calls to action and booking", () => {
  it("does not read 'Book of Fluidity' as a call to action or booking", () => {
    const parsed = page('<nav><a href="#fluidity">Book of Fluidity</a></nav><section id="fluidity"><p>Poems.</p></section>');
    expect(checkCallToAction(site(parsed))?.signal).toBe("NO_CALL_TO_ACTION");
    expect(bookingEvidence(parsed)).toBeUndefined();
  });

  it("does not count dead links, a link home or a bare menu item", () => {
    const parsed = page(`<nav class="navbar"><ul class="navbar-nav"><li><a href="https://www.bestbistro.com/">Contact Us</a></li></ul></nav>
      <a href="#" class="btn btn-primary">RESERVATION</a><footer><a href="#">Contact us</a></footer>`);
    const finding = checkCallToAction(site(parsed));
    expect(finding?.signal).toBe("NO_CALL_TO_ACTION");
    expect(bookingEvidence(parsed)).toBeUndefined();
  });

  it("counts a contact form built from divs with a send button", () => {
    const parsed = page(`<div class="contact-form"><div class="field"><input type="text" name="name" placeholder="Name"></div>
      <div class="field"><input type="email" name="email" placeholder="Email"></div><div class="field"><textarea name="message"></textarea></div>
      <button class="btn" onclick="sendMessage()">Send Message</button></div>`);
    expect(checkCallToAction(site(parsed))).toBeNull();
  });

  it("does not count a PayPal Buy Now form or a form posting to #", () => {
    const paypal = page(`<form action="https://www.paypal.com/cgi-bin/webscr" method="post"><input type="hidden" name="cmd" value="_s-xclick">
      <input type="hidden" name="hosted_button_id" value="X4"><input type="text" name="os0"><input type="text" name="os1"><input type="image" src="https://www.paypalobjects.com/btn_buynow_LG.gif" alt="Buy Now"></form>`);
    const hash = page(
      '<form action="#" method="post"><input name="name"><input name="email"><textarea name="message"></textarea><button type="submit">Send</button></form>',
    );
    expect(checkCallToAction(site(paypal))?.signal).toBe("NO_CALL_TO_ACTION");
    expect(checkCallToAction(site(hash))?.signal).toBe("NO_CALL_TO_ACTION");
  });

  it("does not count a bare 'Book Appointment' button, a '#contact' link or an 'Appointments' service page as online booking", () => {
    const parsed = page(`<button class="btn">Book Appointment</button><a href="#contact">Make An Appointment</a>
      <a href="/services/cleanings/">Appointments</a><section id="contact"><a href="tel:+15035550142">Call</a></section>`);
    expect(bookingEvidence(parsed)).toBeUndefined();
    // The #contact link leads to a click-to-call: it is a call to action, though not online booking.
    expect(checkCallToAction(site(parsed))).toBeNull();
  });

  it("finds booking platforms from the host alone, an icon-only link named by its alt text, and a self-hosted /onlinebooking/", () => {
    expect(bookingEvidence(page('<a href="https://www.dashbooking.com/salon/changes"><img src="/img/book.png" alt=""></a>'))).toMatch(/dashbooking\.com/);
    expect(bookingEvidence(page('<a href="https://demandforce.com/b/harborview"><img src="/i.png"></a>'))).toMatch(/demandforce/);
    expect(bookingEvidence(page('<a href="/onlinebooking/"><img src="/i.png" alt="Schedule online"></a>'))).toBeDefined();
    const iconButton = page('<a href="https://www.opentable.com/r/best-bistro" class="btn"><img src="/reserve.png" alt="Book a table"></a>');
    expect(iconButton.links[0].text).toBe("Book a table");
  });
});

describe("HTTPS, mixed content, viewport, title", () => {
  it("reports mixed content as its own finding, never as no HTTPS, and ignores <noscript> images", () => {
    const parsed = page(
      '<img src="https://www.bestbistro.com/a.jpg"><noscript><img src="http://www.facebook.com/tr?id=1&ev=PageView"></noscript><link rel="stylesheet" href="http://fonts.googleapis.com/css?family=Lato">',
    );
    expect(checkHttps(site(parsed))).toBeNull();
    expect(checkMixedContent(site(parsed))).toMatchObject({ signal: "MIXED_CONTENT", evidence: "http://fonts.googleapis.com/css?family=Lato" });
    expect(checkMixedContent(site(page('<noscript><img src="http://www.facebook.com/tr?id=1"></noscript>')))).toBeNull();
  });

  it("flags width=1024px like width=1024", () => {
    expect(viewportProblem("width=1024px")).toMatch(/1024px/);
    expect(viewportProblem("width=device-width, initial-scale=1")).toBeUndefined();
  });

  it("treats <title>-</title> as no title", () => {
    const parsed = page("<h1>Welcome</h1>", '<meta name="viewport" content="width=device-width"><title>-</title>');
    expect(parsed.title).toBeUndefined();
    expect(checkSeo(site(parsed))?.detail).toContain("missing or blank <title>");
  });
});

describe("website outcomes and WEBSITE_DOWN", () => {
  it.each([
    [{ statusCode: 0, error: "Could not fetch https://www.gone.com/: ENOTFOUND" }, "dns"],
    [{ statusCode: 0, error: "Timed out after 10000 ms fetching https://www.slow.com/" }, "timeout"],
    [{ statusCode: 503, error: "HTTP 503 from https://www.down.com/" }, "server_error"],
    [{ statusCode: 0, error: "Disallowed by robots.txt (https://www.private.com/robots.txt)" }, "robots"],
  ] as const)("classifies %o as %s", (failure, kind) => {
    expect(classifyPageFailure(failure)).toBe(kind);
  });

  it("confirms WEBSITE_DOWN with what failed and when; robots.txt is an outcome, not a finding", () => {
    const down = auditPages(
      auditInput([scraped("https://www.down.com/", "", { statusCode: 503, error: "HTTP 503 from https://www.down.com/" })], {
        website: "https://www.down.com/",
      }),
      NOW,
    );
    expect(down.outcome).toBe("unreachable");
    expect(down.findings).toEqual([expect.objectContaining({ signal: "WEBSITE_DOWN", evidence: "HTTP 503 from https://www.down.com/" })]);
    expect(down.findings[0].detail).toContain("2026-12-01 00:00 UTC");
    const blocked = auditPages(
      auditInput([scraped("https://www.private.com/", "", { statusCode: 0, error: "Disallowed by robots.txt (https://www.private.com/robots.txt)" })], {
        website: "https://www.private.com/",
      }),
      NOW,
    );
    expect(blocked.outcome).toBe("robots_blocked");
    expect(blocked.findings).toEqual([]);
    expect(websiteOutcome(undefined, undefined, undefined)).toBe("no_website");
    expect(websiteOutcome("https://www.facebook.com/bestbistro", undefined, undefined)).toBe("social_only");
  });
});

describe("technology", () => {
  it("finds the site builder, analytics, chat and booking widgets with their evidence", () => {
    const parsed = page(
      `<script src="https://static.parastorage.com/services/wix-thunderbolt/dist/main.js"></script><script src="https://embed.tawk.to/5f1/default" async></script>
       <a href="https://www.vagaro.com/changessalon/book-now">Book now</a>`,
      '<meta name="viewport" content="width=device-width"><meta name="generator" content="Wix.com Website Builder"><title>Changes Salon</title>',
    );
    const tech = detectTechnology([parsed]);
    expect(tech.found.map((t) => [t.name, t.category])).toEqual([
      ["Wix", "cms"],
      ["Tawk.to", "chat"],
      ["vagaro.com", "booking"],
    ]);
    expect(tech.analyticsMissing).toBe(true);
    const withGa = detectTechnology([page('<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>')]);
    expect(withGa.analyticsMissing).toBe(false);
  });
});

describe("viewport written by script (a real salon site on a skel.js template)", () => {
  it("a page that loads skel.js has a viewport in the browser: not flagged", () => {
    const home = page(
      "<h1>Changes Salon</h1>",
      '<title>Changes Salon</title><script src="js/jquery.min.js"></script><script src="js/skel.min.js"></script><script src="js/init.js"></script>',
    );
    expect(checkMobileFriendly(site(home))).toBeNull();
  });

  it("an inline script creating the viewport meta counts; an unrelated script does not", () => {
    const written = page(
      "<h1>Bistro</h1>",
      `<title>Bistro</title><script>var m=document.createElement('meta');m.name='viewport';m.content='width=device-width';document.head.appendChild(m);</script>`,
    );
    expect(checkMobileFriendly(site(written))).toBeNull();
    const none = page("<h1>Bistro</h1>", '<title>Bistro</title><script src="js/jquery.min.js"></script><script>var skeleton = 1;</script>');
    expect(checkMobileFriendly(site(none))?.detail).toMatch(/no <meta name="viewport"> tag/);
  });

  it("a fixed-width layout is still flagged on a skel page", () => {
    const fixed = page('<div id="wrapper" style="width:980px"><h1>Old</h1></div>', '<title>Old</title><script src="skel.min.js"></script>');
    expect(checkMobileFriendly(site(fixed))?.detail).toMatch(/980px/);
  });
});
