import { describe, expect, it } from "vitest";
import { extractSameSiteLinks, isSameSite } from "../../../lib/crawl/links";

// Shapes seen on real small-business sites: builder markup, unclosed tags, tel/mailto CTAs,
// social icons, protocol-relative and relative URLs, anchors, entities, duplicates.
const HOME_HTML = `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8"><title>Harbor View Dental | Family Dentist</title>
<link rel="stylesheet" href="/wp-content/themes/astra/style.css">
<script>window.dataLayer=[];document.write('<a href="/from-script">x</a>')</script>
</head>
<body class="home page-template-default">
<header id="masthead">
  <a class="skip-link" href="#content">Skip to content</a>
  <a href="/"><img src="/logo@2x.png" alt="Harbor View Dental"></a>
  <nav><ul>
    <li><a href="/services/">Our <b>Services</b></a>
      <ul class="sub-menu">
        <li><a href="services/teeth-whitening">Teeth Whitening</a>
        <li><a href="/services/dental-implants/#faq">Implants</A>
      </ul>
    <li><a href='https://harborviewdental.example/about-us/'>About&nbsp;Us</a></li>
    <li><a href="//www.harborviewdental.example/contact/?utm_source=nav">Contact</a></li>
    <li><a href="HTTPS://WWW.HARBORVIEWDENTAL.EXAMPLE/book-online">Book   Online</a></li>
  </ul></nav>
  <a href="tel:+15035550142" class="btn">Call (503) 555-0142</a>
  <a href="mailto:hello@harborviewdental.example?subject=Appointment">Email us</a>
  <a href="javascript:void(0)" onclick="openChat()">Chat</a>
</header>
<main id="content">
  <p>New patients welcome! <a href=/new-patients>Learn more</a></p>
  <a href="/services/">Services</a>
  <a href="https://www.facebook.com/harborviewdental"><i class="fa fa-facebook"></i></a>
  <a href="https://goo.gl/maps/abc123">Directions</a>
  <a href="https://blog.harborviewdental.example/tips">Blog (subdomain)</a>
  <a href="https://harborviewdental.example.evil.com/">Lookalike</a>
  <a href="/files/new-patient-form.pdf" title="New patient form"><img src="pdf.png"></a>
  <a>no href</a>
  <a href="">empty</a>
  <a href="data:text/html,hi">data</a>
  <map><area href="/gallery" alt="Gallery"></map>
  <a href="/reviews">Reviews &amp; Testimonials
</main>
<footer><a href="/privacy-policy/">Privacy Policy</a> | <a href="/privacy-policy/">Privacy</a></footer>
</body></html>`;

describe("extractSameSiteLinks", () => {
  const links = extractSameSiteLinks(HOME_HTML, "https://www.harborviewdental.example/");
  const urls = links.map((l) => l.url);

  it("resolves relative links, drops fragments and keeps www/bare hosts as one site", () => {
    expect(urls).toEqual([
      "https://www.harborviewdental.example/",
      "https://www.harborviewdental.example/services/",
      "https://www.harborviewdental.example/services/teeth-whitening",
      "https://www.harborviewdental.example/services/dental-implants/",
      "https://harborviewdental.example/about-us/",
      "https://www.harborviewdental.example/contact/?utm_source=nav",
      "https://www.harborviewdental.example/book-online",
      "https://www.harborviewdental.example/new-patients",
      "https://www.harborviewdental.example/files/new-patient-form.pdf",
      "https://www.harborviewdental.example/gallery",
      "https://www.harborviewdental.example/reviews",
      "https://www.harborviewdental.example/privacy-policy/",
    ]);
  });

  it("drops tel:, mailto:, javascript:, data:, other hosts, subdomains and look-alikes", () => {
    expect(urls.some((u) => /^(tel|mailto|javascript|data):/.test(u))).toBe(false);
    expect(urls.some((u) => u.includes("facebook.com") || u.includes("goo.gl"))).toBe(false);
    expect(urls.some((u) => u.includes("blog.harborviewdental") || u.includes("evil.com"))).toBe(false);
    expect(urls).not.toContain("https://www.harborviewdental.example/from-script");
  });

  it("keeps readable anchor text, falling back to the title attribute", () => {
    const text = (path: string) => links.find((l) => new URL(l.url).pathname === path)?.text;
    expect(text("/services/")).toBe("Our Services");
    expect(text("/book-online")).toBe("Book Online");
    expect(text("/about-us/")).toBe("About Us");
    expect(text("/files/new-patient-form.pdf")).toBe("New patient form");
    expect(text("/reviews")).toBe("Reviews & Testimonials");
  });

  it("honours <base href>", () => {
    const html = `<head><base href="https://shop.example/en/"></head><body><a href="menu">Menu</a><a href="../contact">Contact</a></body>`;
    expect(extractSameSiteLinks(html, "https://shop.example/").map((l) => l.url)).toEqual(["https://shop.example/en/menu", "https://shop.example/contact"]);
  });
});

describe("isSameSite", () => {
  it("treats www and bare as one site but not other subdomains", () => {
    expect(isSameSite("http://harborviewdental.example/x", "https://www.harborviewdental.example/")).toBe(true);
    expect(isSameSite("https://booking.harborviewdental.example/", "https://www.harborviewdental.example/")).toBe(false);
    expect(isSameSite("not a url", "https://www.harborviewdental.example/")).toBe(false);
  });
});
