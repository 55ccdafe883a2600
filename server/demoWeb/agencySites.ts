/**
 * Demo websites of three marketing agencies, so onboarding from an agency's website works offline
 * (`npm run dev`): a web-design studio, a local-SEO shop and a reputation-management firm. Each is a
 * small multi-page site as such agencies build them — navigation, hero, a services grid, testimonials,
 * a footer with the address — with a services page, an about page, a contact page, case studies,
 * a sitemap and robots.txt. Their services answer different signals (see `expectedSignals`), which
 * tests/integration/onboarding.test.ts checks the drafted profile against.
 */
import type { Signal } from "../../lib/signals";
import { siteKeyForHost } from "./demoSites";
import { escapeHtml } from "./render";

interface AgencyService {
  title: string;
  /** The card on the home page. */
  summary: string;
  /** The services page's paragraph (the fuller text). */
  detail: string;
  bullets: string[];
}

export interface DemoAgencySite {
  /** Registrable domain without www. */
  domain: string;
  /** Home page URL as a user would type it. */
  url: string;
  name: string;
  tagline: string;
  hero: string;
  /** How the site names itself for machines: JSON-LD, og:site_name, or only page titles. */
  nameSource: "jsonld" | "og" | "title";
  city: string;
  region: string;
  street: string;
  postalCode: string;
  phone: string;
  email: string;
  founded: number;
  /** Businesses it serves, in its own words (about page). */
  audience: string;
  verticals: string[];
  services: AgencyService[];
  testimonials: { quote: string; who: string }[];
  caseStudies: { title: string; body: string }[];
  /** What an onboarding draft of this site should find (the answer key of the integration test). */
  expectedSignals: Signal[];
  accent: string;
}

export const DEMO_AGENCY_SITES: readonly DemoAgencySite[] = [
  {
    domain: "pixelharborstudio.example",
    url: "https://www.pixelharborstudio.example/",
    name: "Pixel Harbor Studio",
    tagline: "Web design for dental practices",
    hero: "Websites that fill your appointment book. We design, build and look after websites for dentists and orthodontists in Seattle and across Washington, and for a few chiropractors too.",
    nameSource: "og",
    city: "Seattle",
    region: "WA",
    street: "1420 Western Ave, Suite 300",
    postalCode: "98101",
    phone: "(206) 555-0148",
    email: "hello@pixelharborstudio.example",
    founded: 2014,
    audience:
      "Most of our clients are dentists and orthodontists, and we also work with chiropractors: practices whose patients look them up on a phone before they call. Most came to us with no website, a dated one, or only a Facebook page.",
    verticals: ["dentists", "chiropractors"],
    services: [
      {
        title: "Custom website design",
        summary: "A custom website for practices with no site at all or only a social page.",
        detail:
          "We design and build custom websites for local practices that have no site yet or rely on a Facebook page. Your new website launches on your own domain in three weeks.",
        bullets: ["Discovery call and sitemap", "Copy written with you", "Launch on your own domain"],
      },
      {
        title: "Mobile-first redesigns",
        summary: "Dated sites rebuilt to read well on every phone.",
        detail:
          "Half of your visitors arrive on a phone. We redesign dated sites with a mobile-first layout that reads well on every screen, from a small phone to a wide monitor.",
        bullets: ["Responsive layouts", "Tap-sized buttons", "Readable type on small screens"],
      },
      {
        title: "Online booking setup",
        summary: "Patients book appointments online, day or night.",
        detail:
          "We connect your practice's scheduling software to your website so patients can book appointments online, day or night, without waiting on hold.",
        bullets: ["Works with the major practice systems", "Confirmation emails", "Fewer no-shows with reminders"],
      },
      {
        title: "Calls to action that convert",
        summary: "Click-to-call and clear next steps on every page.",
        detail:
          "Click-to-call buttons, new-patient forms and a clear call to action on every page turn visitors into patients. We measure which ones work and keep improving them.",
        bullets: ["Click-to-call header", "New-patient request form", "Call tracking"],
      },
      {
        title: "Secure, fast hosting",
        summary: "HTTPS everywhere and pages that load fast.",
        detail:
          "Every site we build is served over HTTPS on secure hosting, with no mixed content warnings, and is tuned for page speed: compressed images and no heavy scripts.",
        bullets: ["Free SSL certificate", "Daily backups", "Image compression"],
      },
    ],
    testimonials: [
      {
        quote: "Our old site was from 2011. Since the redesign, new-patient calls are up by a third and our Google reviews mention the website.",
        who: "Dr. Maya Lindqvist, Queen Anne Family Dental",
      },
      { quote: "Patients book online now, even at 11 pm. The front desk finally has time to breathe.", who: "Dr. Omar Reyes, Ballard Spine & Wellness" },
    ],
    caseStudies: [
      {
        title: "Queen Anne Family Dental",
        body: "From a 2011 table-layout site to a mobile-first website with online booking: 34% more new-patient calls in six months.",
      },
      { title: "Ballard Spine & Wellness", body: "A chiropractor with only a Facebook page: a five-page website and online booking, launched in three weeks." },
    ],
    expectedSignals: [
      "MISSING_WEBSITE",
      "WEAK_WEB_PRESENCE",
      "WEBSITE_NOT_MOBILE_FRIENDLY",
      "NO_CALL_TO_ACTION",
      "NO_SSL",
      "MIXED_CONTENT",
      "NO_ONLINE_BOOKING",
      "OUTDATED_WEBSITE",
      "SLOW_OR_HEAVY_PAGE",
    ],
    accent: "#0f766e",
  },
  {
    domain: "rankwiselocal.example",
    url: "https://rankwiselocal.example/",
    name: "Rankwise Local",
    tagline: "Local SEO for home-service businesses",
    hero: "Be the plumber they find first. Rankwise Local gets home-service businesses in Austin to the top of local search, then turns those visits into calls.",
    nameSource: "jsonld",
    city: "Austin",
    region: "TX",
    street: "501 Congress Ave, Floor 4",
    postalCode: "78701",
    phone: "(512) 555-0199",
    email: "team@rankwiselocal.example",
    founded: 2017,
    audience:
      "We only work with home-service businesses: plumbers, roofing companies, HVAC contractors and electricians. We know how homeowners search when a pipe bursts at 2 am.",
    verticals: ["plumbers", "roofers", "HVAC contractors", "electricians"],
    services: [
      {
        title: "Local SEO",
        summary: "Show up in local search for the jobs you want.",
        detail:
          "We fix the titles, meta descriptions and headings search engines read, so your business shows up in local search for the jobs you want, in the neighborhoods you serve.",
        bullets: ["Keyword research by service and suburb", "On-page fixes", "Monthly ranking report"],
      },
      {
        title: "Google Business Profile optimization",
        summary: "Categories, service areas and posts that win the map pack.",
        detail: "Categories, service areas, photos and weekly posts kept current so you rank in the map pack, where most emergency calls start.",
        bullets: ["Category and service-area audit", "Weekly posts", "Photo updates"],
      },
      {
        title: "Schema markup",
        summary: "Structured data that tells Google who you are.",
        detail: "LocalBusiness structured data on every page tells search engines your address, hours, phone and service area.",
        bullets: ["LocalBusiness and Service schema", "Validated with Google's tools"],
      },
      {
        title: "Site speed tune-ups",
        summary: "Pages that load in under two seconds.",
        detail:
          "Slow pages lose rankings and calls. We compress images and trim scripts until your site loads in under two seconds on a phone, and keep your Core Web Vitals green.",
        bullets: ["Image compression", "Script clean-up", "Core Web Vitals monitoring"],
      },
      {
        title: "Lead capture",
        summary: "Quote request forms and call tracking on every service page.",
        detail: "Call tracking and a quote request form on every service page, so rankings turn into booked jobs instead of visitors who leave.",
        bullets: ["Quote request forms", "Call tracking numbers", "Lead alerts by text"],
      },
      {
        title: "Business email and contact details",
        summary: "A professional email on your own domain.",
        detail:
          "We set up professional email on your own domain and publish contact details customers can find on every page, so nobody has to hunt for how to reach you.",
        bullets: ["Email on your domain", "Contact page and footer details"],
      },
    ],
    testimonials: [
      {
        quote: "We went from page three to the map pack for 'emergency plumber Austin' in four months. The phone rings.",
        who: "Travis Cole, Cole Brothers Plumbing",
      },
      { quote: "They speak roofer, not marketing. Every report says how many calls we got, not just clicks.", who: "Ana Ruiz, Hill Country Roofing" },
    ],
    caseStudies: [
      { title: "Cole Brothers Plumbing", body: "Map pack for 14 of 20 target searches; calls from search up 2.3× in a year." },
      { title: "Hill Country Roofing", body: "Storm-season landing pages and schema markup: 61 quote requests in one month." },
    ],
    expectedSignals: ["NO_CALL_TO_ACTION", "POOR_SEO", "NO_CONTACT_EMAIL", "SLOW_OR_HEAVY_PAGE"],
    accent: "#1d4ed8",
  },
  {
    domain: "fivestarstanding.example",
    url: "https://www.fivestarstanding.example/",
    name: "Five Star Standing",
    tagline: "Reputation management for restaurants, salons and auto shops",
    hero: "Your reputation is your first impression. We help Chicago restaurants, hair salons and auto repair shops earn more five-star reviews and answer every one of them.",
    nameSource: "title",
    city: "Chicago",
    region: "IL",
    street: "222 W Merchandise Mart Plaza, Suite 1212",
    postalCode: "60654",
    phone: "(312) 555-0177",
    email: "care@fivestarstanding.example",
    founded: 2019,
    audience:
      "Our clients are restaurants, hair salons and auto repair shops: busy owners whose customers decide from the star rating. Many came to us with a rating under four stars they could not explain.",
    verticals: ["restaurants", "hair salons", "auto repair"],
    services: [
      {
        title: "Review generation",
        summary: "A one-tap review request after every visit.",
        detail:
          "After every visit we text your customers a one-tap link to leave a Google review. Happy customers finally speak up, and your star rating climbs.",
        bullets: ["Text and email requests", "Works with your POS", "No review gating"],
      },
      {
        title: "Review response management",
        summary: "Every review answered within a day, in your voice.",
        detail: "Our team answers every new review within a day, in your voice, so negative reviews get a calm, public reply and regulars feel heard.",
        bullets: ["Replies within 24 hours", "Escalation for serious complaints"],
      },
      {
        title: "Reputation monitoring",
        summary: "An alert the moment a low rating comes in.",
        detail: "We watch Google, Yelp and Facebook and alert you the moment a low rating comes in, with a suggested reply and a plan to make it right.",
        bullets: ["Real-time alerts", "Monthly reputation report"],
      },
      {
        title: "From social page to website",
        summary: "A simple site for businesses that only have a Facebook page.",
        detail:
          "Many restaurants only have a Facebook page. We set up a simple one-page site with your menu, hours and reviews so customers who search for you find more than a social profile.",
        bullets: ["Menu and hours", "Review showcase"],
      },
    ],
    testimonials: [
      {
        quote: "We were stuck at 3.6 stars after one bad month. A year later we're at 4.6 and Saturday nights are full.",
        who: "Giulia Moretti, Trattoria Moretti",
      },
      { quote: "I never had time to answer reviews. Now every one gets a reply the same day.", who: "Marcus Bell, Bell's Auto Care" },
    ],
    caseStudies: [
      { title: "Trattoria Moretti", body: "From 3.6 to 4.6 stars on Google in twelve months, 380 new reviews." },
      { title: "Studio Nine Hair", body: "A salon with only a Facebook page: a one-page site and 120 new Google reviews in six months." },
    ],
    expectedSignals: ["WEAK_WEB_PRESENCE", "LOW_GOOGLE_RATING"],
    accent: "#b45309",
  },
];

const byDomain = new Map(DEMO_AGENCY_SITES.map((site) => [site.domain, site]));

/** The demo agency site a Host header names, if any. */
export function agencySiteForHost(host: string | undefined): DemoAgencySite | undefined {
  return host ? byDomain.get(siteKeyForHost(host)) : undefined;
}

type PageKey = "home" | "services" | "about" | "work" | "contact" | "privacy" | "blog";
const PAGES: { key: PageKey; path: string; nav?: string }[] = [
  { key: "home", path: "/", nav: "Home" },
  { key: "services", path: "/services/", nav: "Services" },
  { key: "work", path: "/work/", nav: "Our work" },
  { key: "about", path: "/about/", nav: "About" },
  { key: "contact", path: "/contact/", nav: "Contact" },
  { key: "blog", path: "/blog/five-questions-before-you-hire-an-agency/" },
  { key: "privacy", path: "/privacy-policy/" },
];

function origin(site: DemoAgencySite): string {
  return new URL(site.url).origin;
}

function head(site: DemoAgencySite, title: string, description: string, key: PageKey): string {
  const e = escapeHtml;
  const og = site.nameSource === "og" ? `\n  <meta property="og:site_name" content="${e(site.name)}">` : "";
  const jsonLd =
    site.nameSource === "jsonld" && key === "home"
      ? `\n  <script type="application/ld+json">${JSON.stringify({
          "@context": "https://schema.org",
          "@type": "ProfessionalService",
          name: site.name,
          url: site.url,
          telephone: site.phone,
          email: site.email,
          address: {
            "@type": "PostalAddress",
            streetAddress: site.street,
            addressLocality: site.city,
            addressRegion: site.region,
            postalCode: site.postalCode,
            addressCountry: "US",
          },
        })}</script>`
      : "";
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${e(title)}</title>
  <meta name="description" content="${e(description)}">${og}
  <link rel="canonical" href="${origin(site)}${PAGES.find((p) => p.key === key)!.path}">
  <link rel="stylesheet" href="/assets/agency.css">${jsonLd}
  <style>:root{--accent:${site.accent}}</style>
</head>`;
}

function header(site: DemoAgencySite, current: PageKey): string {
  const links = PAGES.filter((p) => p.nav)
    .map((p) => `<li><a href="${p.path}"${p.key === current ? ' aria-current="page"' : ""}>${p.nav}</a></li>`)
    .join("");
  return `<header class="site-header">
    <a class="logo" href="/"><img src="/assets/logo.svg" alt="${escapeHtml(site.name)} logo" width="40" height="40"> <span>${escapeHtml(site.name)}</span></a>
    <nav aria-label="Main"><ul>${links}</ul></nav>
    <a class="button button-small" href="tel:${site.phone.replace(/[^\d]/g, "")}">Call ${escapeHtml(site.phone)}</a>
  </header>`;
}

function footer(site: DemoAgencySite): string {
  const e = escapeHtml;
  return `<footer class="site-footer">
    <div class="footer-col">
      <h2>${e(site.name)}</h2>
      <p>${e(site.tagline)}</p>
    </div>
    <div class="footer-col">
      <h2>Visit us</h2>
      <address>${e(site.street)}<br>${e(site.city)}, ${e(site.region)} ${e(site.postalCode)}<br><a href="tel:${site.phone.replace(/[^\d]/g, "")}">${e(site.phone)}</a><br><a href="mailto:${e(site.email)}">${e(site.email)}</a></address>
    </div>
    <div class="footer-col">
      <h2>Company</h2>
      <ul><li><a href="/about/">About</a></li><li><a href="/work/">Our work</a></li><li><a href="/blog/five-questions-before-you-hire-an-agency/">Blog</a></li><li><a href="/privacy-policy/">Privacy</a></li></ul>
    </div>
    <p class="copyright">© ${site.founded}–2026 ${e(site.name)}. All rights reserved.</p>
  </footer>`;
}

function testimonials(site: DemoAgencySite): string {
  return `<section class="testimonials" aria-labelledby="testimonials-title">
      <h2 id="testimonials-title">What our clients say</h2>
      ${site.testimonials
        .map(
          (t) => `<figure class="testimonial"><blockquote><p>“${escapeHtml(t.quote)}”</p></blockquote><figcaption>${escapeHtml(t.who)}</figcaption></figure>`,
        )
        .join("\n      ")}
    </section>`;
}

function page(site: DemoAgencySite, key: PageKey, title: string, description: string, main: string): string {
  return `${head(site, title, description, key)}
<body class="page-${key}">
  ${header(site, key)}
  <main>
    ${main}
  </main>
  ${footer(site)}
</body>
</html>
`;
}

function renderAgencyPage(site: DemoAgencySite, key: PageKey): string {
  const e = escapeHtml;
  const where = `${site.city}, ${site.region}`;
  // The brand is the part every title repeats (how the extractor finds a name with no metadata).
  const title = (label: string) => `${label} | ${site.name}`;
  switch (key) {
    case "home":
      return page(
        site,
        key,
        `${site.name} | ${site.tagline}`,
        site.hero,
        `<section class="hero">
      <h1>${e(site.tagline)}</h1>
      <p class="lead">${e(site.hero)}</p>
      <p><a class="button" href="/contact/">Book a free strategy call</a> <a class="button button-ghost" href="/work/">See our work</a></p>
    </section>
    <section id="services" class="services-grid" aria-labelledby="services-title">
      <h2 id="services-title">What we do</h2>
      <div class="grid">
        ${site.services.map((s) => `<article class="service-card"><h3>${e(s.title)}</h3><p>${e(s.summary)}</p><a href="/services/#${slug(s.title)}">Details</a></article>`).join("\n        ")}
      </div>
    </section>
    <section class="stats">
      <p><strong>${2026 - site.founded} years</strong> in ${e(site.city)}</p>
      <p><strong>${site.verticals.length * 37}</strong> local businesses served</p>
    </section>
    ${testimonials(site)}
    <section class="cta-band"><h2>Ready to talk?</h2><p>Call ${e(site.phone)} or <a href="/contact/">send us a message</a>.</p></section>`,
      );
    case "services":
      return page(
        site,
        key,
        title("Services"),
        `Services of ${site.name}: ${site.services.map((s) => s.title).join(", ")}.`,
        `<h1>Services</h1>
    <p class="lead">Everything we offer, priced per project or per month. Every engagement starts with a free review of where you stand today.</p>
    ${site.services
      .map(
        (s) => `<section class="service" id="${slug(s.title)}">
      <h2>${e(s.title)}</h2>
      <p>${e(s.detail)}</p>
      <ul>${s.bullets.map((b) => `<li>${e(b)}</li>`).join("")}</ul>
    </section>`,
      )
      .join("\n    ")}
    <section class="cta-band"><h2>Not sure where to start?</h2><p><a class="button" href="/contact/">Get a free review</a></p></section>`,
      );
    case "about":
      return page(
        site,
        key,
        title("About us"),
        `About ${site.name}, ${where}.`,
        `<h1>About ${e(site.name)}</h1>
    <p>${e(site.name)} was founded in ${site.founded} in ${e(where)}. We are a small team and every client works directly with the people doing the work.</p>
    <h2>Who we work with</h2>
    <p>${e(site.audience)}</p>
    <h2>How we work</h2>
    <p>Plain monthly reports, no long contracts, and a named person who answers the phone.</p>
    ${testimonials(site)}`,
      );
    case "work":
      return page(
        site,
        key,
        title("Our work"),
        `Case studies from ${site.name}.`,
        `<h1>Our work</h1>
    ${site.caseStudies.map((c) => `<article class="case-study"><h2>${e(c.title)}</h2><p>${e(c.body)}</p></article>`).join("\n    ")}`,
      );
    case "contact":
      return page(
        site,
        key,
        title("Contact"),
        `Contact ${site.name} in ${where}.`,
        `<h1>Contact us</h1>
    <p>Tell us about your business and we will get back to you within one working day.</p>
    <form method="post" action="/contact/">
      <label>Name <input name="name" required></label>
      <label>Email <input type="email" name="email" required></label>
      <label>Business <input name="business"></label>
      <label>Message <textarea name="message"></textarea></label>
      <button type="submit">Send message</button>
    </form>
    <h2>Our office</h2>
    <address>${e(site.street)}<br>${e(where)} ${e(site.postalCode)}</address>`,
      );
    case "blog":
      return page(
        site,
        key,
        title("Five questions before you hire an agency"),
        "Five questions to ask any marketing agency before you sign.",
        `<article><h1>Five questions before you hire an agency</h1><p>Ask who does the work, how results are reported, what happens when you leave, who owns your accounts, and what the first month looks like.</p></article>`,
      );
    case "privacy":
      return page(site, key, title("Privacy policy"), "Privacy policy.", `<h1>Privacy policy</h1><p>We keep the details you send us only to answer you.</p>`);
  }
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export interface AgencySiteReply {
  status: number;
  body: string;
  contentType?: string;
}

/** What the demo web server answers for a request to a demo agency site. */
export function routeAgencySite(site: DemoAgencySite, rawPath: string): AgencySiteReply {
  const path = new URL(rawPath, "http://demo.invalid").pathname;
  if (path === "/robots.txt")
    return { status: 200, body: `User-agent: *\nDisallow: /wp-admin/\n\nSitemap: ${origin(site)}/sitemap.xml\n`, contentType: "text/plain; charset=utf-8" };
  if (path === "/sitemap.xml") {
    const urls = PAGES.map((p) => `  <url><loc>${origin(site)}${p.path}</loc></url>`).join("\n");
    return {
      status: 200,
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`,
      contentType: "application/xml; charset=utf-8",
    };
  }
  const normalized = path === "/index.html" ? "/" : path.endsWith("/") ? path : `${path}/`;
  const match = PAGES.find((p) => p.path === normalized);
  if (!match)
    return {
      status: 404,
      body: `<!DOCTYPE html><html><head><title>Page not found | ${escapeHtml(site.name)}</title></head><body><h1>Page not found</h1><p><a href="/">Home</a></p></body></html>\n`,
      contentType: "text/html; charset=utf-8",
    };
  return { status: 200, body: renderAgencyPage(site, match.key), contentType: "text/html; charset=utf-8" };
}
