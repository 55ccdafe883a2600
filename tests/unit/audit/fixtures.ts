import type { AuditAgency, AuditInput, AuditLead } from "../../../lib/audit/types";
import type { ScrapedPage } from "../../../lib/providers/crawl/types";

export const NOW = new Date("2025-06-15T12:00:00Z");

export function scraped(url: string, html: string, overrides: Partial<ScrapedPage> = {}): ScrapedPage {
  return {
    url,
    finalUrl: url,
    statusCode: 200,
    contentType: "text/html; charset=utf-8",
    html,
    markdown: html
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
    bytes: Buffer.byteLength(html),
    elapsedMs: 420,
    truncated: false,
    ...overrides,
  };
}

/** A maintained WordPress/Astra-style dentist site that passes every check. */
export const WORDPRESS_DENTIST_HOME = `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Harborview Dental | Family &amp; Cosmetic Dentist in Portland, OR</title>
<meta name="description" content="Gentle family and cosmetic dentistry in Portland. New patients welcome, same-week appointments.">
<meta name="generator" content="WordPress 6.5.3">
<link rel="stylesheet" id="astra-theme-css-css" href="https://www.harborviewdental.example/wp-content/themes/astra/assets/css/minified/main.min.css?ver=4.6.4" media="all">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","@id":"https://www.harborviewdental.example/#website","name":"Harborview Dental"},{"@type":["Dentist","LocalBusiness"],"name":"Harborview Dental","telephone":"+1-503-555-0142","email":"info@harborviewdental.example","address":{"@type":"PostalAddress","streetAddress":"412 NW Harbor Ave","addressLocality":"Portland","addressRegion":"OR"}}]}</script>
</head>
<body class="home page-template-default page page-id-7 wp-custom-logo ast-single-post ast-inherit-site-logo-transparent">
<div id="page" class="hfeed site">
<header class="site-header ast-primary-header-bar">
  <div class="ast-container">
    <div class="site-branding"><a href="https://www.harborviewdental.example/" rel="home"><img src="https://www.harborviewdental.example/wp-content/uploads/2024/02/logo@2x.png" alt="Harborview Dental" width="240" height="60"></a></div>
    <nav class="main-header-menu"><ul id="primary-menu" class="menu">
      <li class="menu-item"><a href="https://www.harborviewdental.example/services/">Services</a></li>
      <li class="menu-item"><a href="https://www.harborviewdental.example/about/">About</a></li>
      <li class="menu-item"><a href="https://www.harborviewdental.example/contact/">Contact</a></li>
    </ul></nav>
    <a class="ast-button header-cta" href="tel:+15035550142">Call (503) 555-0142</a>
  </div>
</header>
<div id="content" class="site-content"><div class="ast-container">
  <main id="main" class="site-main">
    <h1 class="entry-title">Gentle Dentistry for the Whole Family</h1>
    <p>Same-week appointments for cleanings, crowns and emergencies.</p>
    <div class="wp-block-buttons"><div class="wp-block-button"><a class="wp-block-button__link" href="https://www.harborviewdental.example/request-appointment/">Request an Appointment</a></div></div>
    <form role="search" method="get" class="search-form" action="https://www.harborviewdental.example/"><input type="search" class="search-field" name="s"><input type="submit" value="Search"></form>
  </main>
</div></div>
<footer class="site-footer"><div class="ast-small-footer">Copyright &copy; 2025 Harborview Dental | Powered by Harborview Dental</div></footer>
</div>
</body>
</html>`;

/** A 2009-era table-layout site: no viewport, fixed 960px table, <font>, http only, old copyright. */
export const OLD_TABLE_SITE_HOME = `<html>
<head>
<title>Bob's Plumbing - Welcome</title>
<meta name="GENERATOR" content="Microsoft FrontPage 5.0">
<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
</head>
<body bgcolor="#FFFFFF" topmargin="0" leftmargin="0">
<center>
<table border="0" cellpadding="0" cellspacing="0" width="960">
  <tr><td colspan="2"><img src="images/banner.jpg" width="960" height="150"></td></tr>
  <tr>
    <td width="180" valign="top" bgcolor="#003366">
      <table border="0" width="100%"><tr><td><a href="index.htm"><font color="#FFFFFF" face="Arial">Home</font></a></td></tr>
      <tr><td><a href="services.htm"><font color="#FFFFFF" face="Arial">Services</font></a></td></tr>
      <tr><td><a href="contact.htm"><font color="#FFFFFF" face="Arial">Contact</font></a></td></tr></table>
    </td>
    <td valign="top"><font face="Verdana" size="2">
      <p><b>Welcome to Bob's Plumbing!</b> Serving Springfield since 1987. Licensed, bonded and insured for residential and commercial plumbing repair, water heaters and drain cleaning.</p>
      <p>Phone: 555-0199. Email us: bob [at] bobsplumbing [dot] example</p>
    </font></td>
  </tr>
  <tr><td colspan="2" align="center"><font size="1">&copy; 2009-2016 Bob's Plumbing. All rights reserved.</font></td></tr>
</table>
</center>
</body>
</html>`;

/** A Wix-style heavy page: huge inline bootstrap JSON, Sentry DSN, image names with @2x. */
export function wixHeavyHome(padKiB: number): string {
  const bootstrap = JSON.stringify({ siteAssets: { modulesParams: "x".repeat(padKiB * 1024) } });
  return `<!DOCTYPE html><html lang="en"><head>
<meta charset='utf-8'>
<meta name="viewport" content="width=device-width, initial-scale=1" id="wixDesktopViewport">
<meta name="generator" content="Wix.com Website Builder">
<title>Home | Glow Studio</title>
<meta name="description" content="Glow Studio – lash and brow bar in Austin.">
<script>window.Sentry&&Sentry.init({dsn:"https://605a7baede844d278b89dc95ae0a9123@sentry-next.wixpress.com/68"});</script>
<script type="application/json" id="wix-viewer-model">${bootstrap}</script>
</head><body>
<div id="SITE_CONTAINER"><div id="main_MF"><div id="SITE_HEADER">
<a data-testid="linkElement" href="https://www.glowstudio.example/book-online" class="wixui-button"><span class="wixui-button__label">Book Now</span></a>
</div>
<main id="PAGES_CONTAINER"><h1 class="font_0 wixui-rich-text__text">Glow Studio</h1>
<img src="https://static.wixstatic.com/media/11062b_logo@2x.png/v1/fill/w_96,h_96/logo@2x.png" alt="logo">
<p class="font_8">Lash lifts, brow lamination and more. Write to us: hello@glowstudio.example</p>
<iframe src="https://www.vagaro.com/resources/widget/glowstudio" title="Book with Vagaro"></iframe>
</main><footer>© 2025 by Glow Studio. Proudly created with Wix.com</footer></div></div>
</body></html>`;
}

/** A modern template (Bootstrap-like): viewport, nice design, but no tel:, no JSON-LD, no meta description, newsletter form only. */
export const MODERN_TEMPLATE_HOME = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, shrink-to-fit=no">
  <title>Northside Auto Care</title>
  <link href="https://fonts.googleapis.com/css2?family=Inter:wght@400;700&display=swap" rel="stylesheet">
</head>
<body>
  <nav class="navbar navbar-expand-lg navbar-light fixed-top" id="mainNav">
    <div class="container px-4 px-lg-5">
      <a class="navbar-brand" href="#page-top">Northside Auto Care</a>
      <ul class="navbar-nav ms-auto my-2 my-lg-0">
        <li class="nav-item"><a class="nav-link" href="#about">About</a></li>
        <li class="nav-item"><a class="nav-link" href="#services">Services</a></li>
        <li class="nav-item"><a class="nav-link" href="#contact">Contact</a></li>
      </ul>
    </div>
  </nav>
  <header class="masthead"><div class="container px-4 px-lg-5 h-100">
    <h1 class="text-white font-weight-bold">Honest repairs, done right.</h1>
    <p class="text-white-75 mb-5">Brakes, tires, diagnostics and oil changes for every make and model.</p>
    <a class="btn btn-primary btn-xl" href="#about">Find Out More</a>
  </div></header>
  <section class="page-section" id="contact"><div class="container">
    <h2>Let's get in touch!</h2><p>Stop by 1200 N Main St, Springfield. Open Mon–Sat 8–6.</p>
    <form id="newsletter-form" class="newsletter"><input type="email" name="email" placeholder="you@example.com"><button type="submit">Subscribe</button></form>
  </div></section>
  <footer class="bg-light py-5"><div class="container"><div class="small text-center text-muted">Copyright &copy; 2024 - Northside Auto Care</div></div></footer>
  <script src="https://cdn.jsdelivr.net/npm/bootstrap@5.2.3/dist/js/bootstrap.bundle.min.js"></script>
</body>
</html>`;

export function lead(overrides: Partial<AuditLead> = {}): AuditLead {
  return {
    name: "Harborview Dental",
    website: "https://www.harborviewdental.example/",
    phone: "+1 503-555-0142",
    address: "412 NW Harbor Ave, Portland, OR 97209",
    city: "Portland",
    rating: 4.7,
    reviewsCount: 212,
    targetVertical: "dentists",
    targetGeography: "Portland, OR",
    signals: ["NEEDS_WEB_AUDIT"],
    ...overrides,
  };
}

export const AGENCY: AuditAgency = {
  name: "Brightside Digital",
  leadQualificationCriteria: ["MISSING_WEBSITE", "LOW_GOOGLE_RATING", "WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "NO_SSL", "NO_ONLINE_BOOKING"],
  approvedClaims: [
    { id: "claim-mobile", text: "We build mobile-first websites that load fast on any phone.", signals: ["WEBSITE_NOT_MOBILE_FRIENDLY", "SLOW_OR_HEAVY_PAGE"] },
    { id: "claim-reviews", text: "Our review program helps local businesses earn more 5-star Google reviews.", signals: ["LOW_GOOGLE_RATING"] },
    { id: "claim-booking", text: "We set up online booking so customers can schedule 24/7.", signals: ["NO_ONLINE_BOOKING"] },
    { id: "claim-ssl", text: "Every site we host ships with HTTPS and a free SSL certificate.", signals: ["NO_SSL"] },
  ],
};

export function auditInput(pages: ScrapedPage[], leadOverrides: Partial<AuditLead> = {}, agency: AuditAgency = AGENCY): AuditInput {
  return { lead: lead(leadOverrides), agency, pages };
}
