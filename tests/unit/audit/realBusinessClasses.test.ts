/**
 * Defect classes found on real local-business sites added to the real-web corpus (tests/corpus/realWeb):
 * a Seoul dental clinic booking through Naver, a table-layout restaurant page and a Jekyll salon site whose
 * copyright notices sit beside menus and social handles. Each test uses the shape seen on the real page.
 */
import { describe, expect, it } from "vitest";
import type { AuditedSite } from "../../../lib/audit/auditedSite";
import { isBookingProviderUrl } from "../../../lib/audit/bookingProviders";
import { checkCallToAction } from "../../../lib/audit/checks/callToAction";
import { bookingEvidence } from "../../../lib/audit/checks/onlineBooking";
import { checkOutdated, pageCopyrightYear } from "../../../lib/audit/checks/outdated";
import { parsePage } from "../../../lib/audit/parsedPage";
import { quoteAppearsOnPage } from "../../corpus/realWebCorpus";
import { scraped } from "./fixtures";

const NOW = new Date("2026-12-01T00:00:00Z");

function site(url: string, html: string): AuditedSite {
  const home = parsePage(scraped(url, html));
  return { home, pages: [home], emails: [], now: NOW };
}

describe("regional booking platforms count as online booking and as a call to action", () => {
  // Gangnam Aiden Dental's floating button: an image-only link (alt "네이버 예약", Naver reservation), no English wording.
  const naverButton = `<a href="https://booking.naver.com/booking/13/bizes/555718" style=" z-index: 10; " target="_blank">
    <img src="images/connecting/naver.png" alt="네이버 예약"></a>`;

  it("a Naver Booking link is online booking and a call to action", () => {
    const clinic = site("https://aidendental.github.io/", `<html><head><title>강남에이든치과</title></head><body>${naverButton}</body></html>`);
    expect(bookingEvidence(clinic.home)).toBe("link to booking.naver.com");
    expect(checkCallToAction(clinic)).toBeNull();
  });

  it.each([
    "https://m.booking.naver.com/booking/6/bizes/12345",
    "https://app.catchtable.co.kr/ct/shop/somerestaurant",
    "https://beauty.hotpepper.jp/slnH000123456/",
    "https://www.tablecheck.com/en/shops/some-bistro/reserve",
    "https://www.treatwell.de/ort/salon-beispiel/",
    "https://www.treatwell.co.uk/place/salon-example/",
  ])("%s is a booking platform", (url) => {
    expect(isBookingProviderUrl(url)).toBe(true);
  });

  it("other pages on those sites' domains' neighbours are not", () => {
    expect(isBookingProviderUrl("https://blog.naver.com/aiden-dental")).toBe(false);
    expect(isBookingProviderUrl("https://www.naver.com/")).toBe(false);
    expect(isBookingProviderUrl("https://www.hotpepper.jp/")).toBe(false);
  });
});

describe("a copyright quote holds the notice, not the menu or social handles beside it", () => {
  it("a table cell after the navigation (Nong Thon, 2000s table layout)", () => {
    const html = `<html><head><title>Vietnamese Cuisite - Nong Thon | Home</title></head><body bgcolor="#dab467">
<center><table width="900"><tr><td><br><div class="title"><img src="logo.jpg"> <a href="aboutus.html">About</a> <a href="menu.pdf">Menu</a> <a href="gallery.html">Gallery</a> <a href="contact.html">Contact</a> <a href="index.html">Home</a><br></div>
</td></tr></table></center>
<center><table width="900"><tr><td><br><Br>
<center>(c) 2018 Nong Thon Restaurant.

<p>
<a href="test.html">Click here</a> to view our mobile version.</a>
<br></center></td></tr></table></center></body></html>`;
    const audited = site("https://nongthonrestaurant.com/", html);
    const finding = checkOutdated(audited);
    expect(finding?.evidence).toBe("(c) 2018 Nong Thon Restaurant");
    expect(finding?.detail).toContain("copyright notice says 2018 (8 years old)");
    expect(quoteAppearsOnPage(finding!.evidence!, html, audited.home.url)).toBe(true);
  });

  it("a footer whose copyright line follows a list of social handles (Enigma Ladies Salon, Jekyll)", () => {
    const html = `<html><head><title>Enigma Ladies Salon | Dubai</title></head><body><footer><nav id="footer_social"><ul>
<li><a href="https://twitter.com/enigmabeautyss"><i class="fa fa-twitter"></i>enigmabeautyss</a></li>
<li><a href="https://plus.google.com/+Enigmaladiessalon"><i class="fa fa-google-plus"></i>Enigmaladiessalon</a></li>
</ul></nav><div class="copyright"><p class="caption">Copyright &copy; Enigma Trading 2016</p></div></footer></body></html>`;
    const audited = site("https://enigmaladiessalon.com/", html);
    expect(pageCopyrightYear(audited.home, NOW)).toEqual({ year: 2016, quote: "Copyright © Enigma Trading 2016", byScript: false });
    expect(quoteAppearsOnPage(checkOutdated(audited)!.evidence!, html, audited.home.url)).toBe(true);
  });

  it("inline markup inside the notice keeps it one quote, and a year before the name is still read", () => {
    const html = `<html><body><div class="nav"><a href="/">Home</a> <a href="/team">Our Team 2024</a></div>
<p><span>2015</span> Changes Salon &amp; Day Spa<b>&copy;</b> All Rights Reserved</p></body></html>`;
    const year = pageCopyrightYear(site("https://www.changessalon.com/", html).home, NOW);
    expect(year).toEqual({ year: 2015, quote: "2015 Changes Salon & Day Spa© All Rights Reserved", byScript: false });
  });

  it("a year written by script beside the notice is still the current year", () => {
    const html = `<html><body><footer><p>&copy; 2015-<script>document.write(new Date().getFullYear())</script> Best Bistro</p></footer></body></html>`;
    const year = pageCopyrightYear(site("https://www.bestbistro.com/", html).home, NOW);
    expect(year?.year).toBe(2026);
    expect(year?.byScript).toBe(true);
  });
});
