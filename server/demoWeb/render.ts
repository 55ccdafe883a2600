import type { DemoSiteEntry } from "./demoSites";
import { domainBytes, domainInt, domainPick } from "./domainHash";
import { displayPhone } from "./phoneDisplay";
import { HEAVY_HOME_BYTES, OVERSIZED_HOME_BYTES, type EmailPage, type SitePage, type SiteProfile, canonicalOrigin } from "./siteProfile";
import { type VerticalCopy, copyForVertical } from "./verticalCopy";

/**
 * HTML for the demo websites: the same profile always renders the same bytes.
 * Three looks: a modern template, a WordPress theme, and an old table layout.
 */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const FIRST_NAMES = [
  "Maria",
  "James",
  "Priya",
  "Daniel",
  "Sofia",
  "Michael",
  "Aisha",
  "Robert",
  "Elena",
  "David",
  "Grace",
  "Luis",
  "Hannah",
  "Kevin",
  "Nora",
  "Samuel",
];
const LAST_NAMES = [
  "Alvarez",
  "Chen",
  "Okafor",
  "Murphy",
  "Rossi",
  "Patel",
  "Johnson",
  "Nguyen",
  "Schmidt",
  "Kowalski",
  "Haddad",
  "Silva",
  "Bennett",
  "Larsen",
  "Moreau",
  "Tanaka",
];

interface RenderContext {
  profile: SiteProfile;
  copy: VerticalCopy;
  city: string;
  name: string;
}

function contextFor(profile: SiteProfile, entry?: DemoSiteEntry): RenderContext {
  // A branch landing page speaks for its own listing: name, address and phone of that branch.
  const business = entry ? { ...entry.business, phone: displayPhone(entry.business.phone) ? entry.business.phone : profile.business.phone } : profile.business;
  return {
    profile: entry ? { ...profile, business } : profile,
    copy: copyForVertical(business.vertical, business.verticalLabel),
    city: business.city ?? business.geography,
    name: business.name,
  };
}

function fill(text: string, ctx: RenderContext): string {
  return text.replace(/\{city\}/g, ctx.city);
}

function person(ctx: RenderContext, index: number): string {
  const d = ctx.profile.domain;
  return `${FIRST_NAMES[domainInt(d, `first${index}`, 0, FIRST_NAMES.length - 1)]} ${LAST_NAMES[domainInt(d, `last${index}`, 0, LAST_NAMES.length - 1)]}`;
}

function pagePathOf(ctx: RenderContext, kind: SitePage["kind"]): string | undefined {
  return ctx.profile.pages.find((p) => p.kind === kind)?.path;
}

/** Absolute link on the canonical origin for WordPress (it writes absolute URLs); root-relative otherwise. */
function href(ctx: RenderContext, path: string): string {
  return ctx.profile.style === "wordpress" ? `${canonicalOrigin(ctx.profile)}${path}` : path;
}

// ---------------------------------------------------------------- email

function cloudflareHex(address: string, key: number): string {
  const bytes = [key, ...Buffer.from(address, "utf8").map((b) => b ^ key)];
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
}

function emailHtml(ctx: RenderContext): string {
  const email = ctx.profile.email;
  if (!email) return "";
  const { address } = email;
  const [local, domain] = address.split("@");
  switch (email.encoding) {
    case "plain":
      return `Email: ${escapeHtml(address)}`;
    case "mailto":
      return `Email: <a href="mailto:${address}">${escapeHtml(address)}</a>`;
    case "mailtoEncoded":
      return `<a href="mailto:${local}%40${domain}?subject=Website%20enquiry">Email us</a>`;
    case "atDot":
      return `Email: ${escapeHtml(local)} [at] ${escapeHtml(domain.split(".").join(" [dot] "))}`;
    case "entities":
      return `Email: ${escapeHtml(local)}&#64;${escapeHtml(domain)}`;
    case "cloudflare": {
      const hex = cloudflareHex(address, domainInt(ctx.profile.domain, "cfKey", 16, 250));
      return domainPick(ctx.profile.domain, "cfStyle", [
        ["link", 1],
        ["span", 1],
      ]) === "link"
        ? `Email: <a href="/cdn-cgi/l/email-protection#${hex}"><span class="__cf_email__" data-cfemail="${hex}">[email&#160;protected]</span></a>`
        : `Email: <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="${hex}">[email&#160;protected]</a>`;
    }
  }
}

function emailOn(ctx: RenderContext, page: EmailPage): string {
  return ctx.profile.email?.pages.includes(page) ? `<p class="email">${emailHtml(ctx)}</p>` : "";
}

// ---------------------------------------------------------------- shared fragments

function phoneHtml(ctx: RenderContext): string {
  const phone = displayPhone(ctx.profile.business.phone);
  if (!phone) return "";
  return ctx.profile.callToAction.telLink
    ? `<a class="phone" href="${escapeHtml(phone.tel)}">${escapeHtml(phone.text)}</a>`
    : `<span class="phone">${escapeHtml(phone.text)}</span>`;
}

function addressHtml(ctx: RenderContext): string {
  const { address } = ctx.profile.business;
  return address ? escapeHtml(address) : escapeHtml(ctx.city);
}

function bookingHref(ctx: RenderContext): string | undefined {
  const { profile } = ctx;
  const slug = profile.domain.replace(/\.example$/, "").replace(/[^a-z0-9]/g, "");
  switch (profile.booking) {
    case "calendly":
      return `https://calendly.com/${slug}/appointment`;
    case "acuity":
      return `https://app.acuityscheduling.com/schedule.php?owner=${domainInt(profile.domain, "acuityOwner", 10_000_000, 39_999_999)}`;
    case "page":
      return href(ctx, pagePathOf(ctx, "booking") ?? "/");
    case "none":
      return undefined;
  }
}

function bookingButton(ctx: RenderContext): string {
  const target = bookingHref(ctx);
  if (!target) return "";
  const external = ctx.profile.booking === "calendly" || ctx.profile.booking === "acuity";
  return `<a class="button button-primary" href="${escapeHtml(target)}"${external ? ' target="_blank" rel="noopener"' : ""}>${escapeHtml(ctx.copy.bookingLabel)}</a>`;
}

function contactForm(ctx: RenderContext, id: string): string {
  const placeholder = ctx.profile.emailDecoys.placeholderInput ? "your@email.com" : "Email address";
  return `<form id="${id}" class="contact-form" action="/contact-submit" method="post">
  <label>Name <input type="text" name="name" required></label>
  <label>Phone <input type="tel" name="phone"></label>
  <label>Email <input type="email" name="email" placeholder="${placeholder}"></label>
  <label>How can we help? <textarea name="message" rows="4"></textarea></label>
  <button type="submit">Send message</button>
</form>`;
}

function newsletterForm(ctx: RenderContext): string {
  if (!ctx.profile.emailDecoys.placeholderInput) return "";
  return `<form class="newsletter-signup" action="/newsletter/subscribe" method="post"><input type="email" name="EMAIL" placeholder="your@email.com"><input type="submit" value="Subscribe"></form>`;
}

function hoursHtml(ctx: RenderContext): string {
  const restaurant = ctx.copy.trade === "restaurant";
  const weekday = restaurant
    ? "11:30 am – 10 pm"
    : domainPick(ctx.profile.domain, "hours", [
        ["8 am – 5 pm", 1],
        ["9 am – 6 pm", 1],
        ["7:30 am – 4:30 pm", 1],
      ]);
  const saturday = domainPick(ctx.profile.domain, "saturday", [
    ["9 am – 1 pm", 1],
    ["Closed", 1],
    ["10 am – 4 pm", 1],
  ]);
  return `<ul class="hours"><li>Monday – Friday: ${weekday}</li><li>Saturday: ${saturday}</li><li>Sunday: Closed</li></ul>`;
}

function logoHtml(ctx: RenderContext): string {
  const base = ctx.profile.style === "wordpress" ? "/wp-content/uploads/logo" : ctx.profile.style === "legacy" ? "/images/logo" : "/assets/img/logo";
  const src = `${base}.png`;
  const srcset = ctx.profile.emailDecoys.retinaImage ? ` srcset="${base}@2x.png 2x, ${base}@3x.png 3x"` : "";
  return `<img class="logo" src="${src}"${srcset} alt="${escapeHtml(ctx.name)} logo" width="180" height="60">`;
}

function copyrightHtml(ctx: RenderContext): string {
  const c = ctx.profile.copyright;
  if (!c) return "";
  const years = c.startYear ? `${c.startYear}–${c.year}` : String(c.year);
  return `Copyright &copy; ${years} ${escapeHtml(ctx.name)}. All rights reserved.`;
}

/** Links every page shares: main nav (plus a redirect-loop page and broken links on the home page). */
function navItems(ctx: RenderContext, homeExtras: boolean): { label: string; path: string }[] {
  const items = [{ label: "Home", path: "/" }];
  for (const page of ctx.profile.pages) {
    if (page.kind === "blogPost" || page.kind === "privacy" || page.kind === "terms") continue;
    items.push({ label: page.navLabel, path: page.path });
  }
  if (ctx.profile.redirectLoopPath) items.splice(2, 0, { label: "Specials", path: ctx.profile.redirectLoopPath });
  if (homeExtras) {
    const labels: Record<string, string> = { "/specials-2019": "2019 Specials", "/gallery": "Gallery", "/testimonials": "Testimonials", "/coupons": "Coupons" };
    for (const broken of ctx.profile.brokenLinks) if (labels[broken]) items.push({ label: labels[broken], path: broken });
  }
  return items;
}

function footerLinks(ctx: RenderContext): { label: string; path: string }[] {
  const links: { label: string; path: string }[] = [];
  for (const page of ctx.profile.pages) if (page.kind === "privacy" || page.kind === "terms") links.push({ label: page.navLabel, path: page.path });
  if (ctx.profile.brokenLinks.includes("/old-site/index.php")) links.push({ label: "Old website", path: "/old-site/index.php" });
  if (ctx.profile.privatePath) links.push({ label: "Staff login", path: ctx.profile.privatePath });
  return links;
}

function jsonLdScript(ctx: RenderContext): string {
  const { profile } = ctx;
  const types: Record<string, string> = {
    "dental practice": "Dentist",
    "plumbing company": "Plumber",
    "roofing contractor": "RoofingContractor",
    "law firm": "LegalService",
    restaurant: "Restaurant",
    "auto repair shop": "AutoRepair",
    "veterinary clinic": "VeterinaryCare",
    "electrical contractor": "Electrician",
    "heating and cooling company": "HVACBusiness",
    "day spa": "DaySpa",
    salon: "HairSalon",
    "accounting firm": "AccountingService",
    "real estate agency": "RealEstateAgent",
  };
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": types[ctx.copy.trade] ?? "LocalBusiness",
    name: ctx.name,
    url: `${canonicalOrigin(profile)}/`,
    address: { "@type": "PostalAddress", streetAddress: profile.business.address ?? undefined, addressLocality: ctx.city },
  };
  const phone = displayPhone(profile.business.phone);
  if (phone) data.telephone = phone.tel.slice(4);
  if (profile.email?.inJsonLd) data.email = profile.email.address;
  if (profile.business.rating !== undefined && profile.business.reviewsCount) {
    data.aggregateRating = { "@type": "AggregateRating", ratingValue: profile.business.rating, reviewCount: profile.business.reviewsCount };
  }
  return `<script type="application/ld+json">${JSON.stringify(data)}</script>`;
}

// ---------------------------------------------------------------- page bodies

interface PageContent {
  heading: string;
  /** HTML below the heading. */
  body: string;
  description: string;
}

function servicesList(ctx: RenderContext, count: number): string {
  return `<ul class="services">${ctx.copy.services
    .slice(0, count)
    .map((s) => `<li>${escapeHtml(s)}</li>`)
    .join("")}</ul>`;
}

function homeContent(ctx: RenderContext): PageContent {
  const { profile, copy } = ctx;
  const parts: string[] = [];
  parts.push(`<p class="lead">${escapeHtml(fill(copy.tagline, ctx))}. ${escapeHtml(fill(copy.about, ctx))}</p>`);
  const actions: string[] = [];
  const booking = bookingButton(ctx);
  if (booking) actions.push(booking);
  if (profile.callToAction.quoteButton) {
    const target = profile.callToAction.homeForm ? "#quote-form" : href(ctx, pagePathOf(ctx, "contact") ?? "/#quote-form");
    actions.push(`<a class="button" href="${target}">${escapeHtml(copy.quoteLabel)}</a>`);
  }
  if (actions.length > 0) parts.push(`<p class="actions">${actions.join(" ")}</p>`);
  parts.push(`<h2>What we do</h2>${servicesList(ctx, 6)}`);
  const { rating, reviewsCount } = profile.business;
  if (rating !== undefined && reviewsCount) parts.push(`<p class="reviews">Rated ${rating.toFixed(1)} out of 5 by ${reviewsCount} customers on Google.</p>`);
  parts.push(`<h2>Hours</h2>${hoursHtml(ctx)}`);
  if (profile.callToAction.homeForm) parts.push(`<h2>Send us a message</h2>${contactForm(ctx, "quote-form")}`);
  parts.push(`<h2>Visit us</h2><p>${addressHtml(ctx)}<br>${phoneHtml(ctx)}</p>${emailOn(ctx, "home")}`);
  return {
    heading: fill(copy.tagline, ctx),
    body: parts.join("\n"),
    description: `${ctx.name} is a ${copy.trade} in ${ctx.city}. ${copy.services.slice(0, 3).join(", ")} and more.`,
  };
}

function innerContent(ctx: RenderContext, page: SitePage): PageContent {
  const { profile, copy, name, city } = ctx;
  switch (page.kind) {
    case "services":
      return {
        heading: "Our Services",
        description: `${copy.services.slice(0, 4).join(", ")} in ${city} from ${name}.`,
        body: copy.services
          .map(
            (s, i) =>
              `<h3>${escapeHtml(s)}</h3><p>${escapeHtml(`${s} from a ${copy.trade} ${city} trusts. ${i % 2 === 0 ? "Clear pricing before any work starts." : "Most visits can be arranged the same week."}`)}</p>`,
          )
          .join("\n"),
      };
    case "about":
      return {
        heading: `About ${name}`,
        description: `Meet ${name}, a ${copy.trade} serving ${city}.`,
        body: `<p>${escapeHtml(fill(copy.about, ctx))}</p><p>${escapeHtml(`Founded by ${person(ctx, 0)}, ${name} has grown through word of mouth — most of our new customers are referred by a neighbour.`)}</p>${emailOn(ctx, "about")}`,
      };
    case "team":
      return {
        heading: "Meet the Team",
        description: `The people behind ${name}.`,
        body: `<ul class="team">${copy.teamRoles.map((role, i) => `<li><strong>${escapeHtml(person(ctx, i))}</strong> — ${escapeHtml(role)}</li>`).join("")}</ul>`,
      };
    case "pricing":
      return {
        heading: "Pricing",
        description: `Transparent prices at ${name}.`,
        body:
          profile.style === "legacy"
            ? `<table border="1" cellpadding="4">${copy.prices.map(([item, price]) => `<tr><td><font face="Arial" size="2">${escapeHtml(item)}</font></td><td><font face="Arial" size="2">${escapeHtml(price)}</font></td></tr>`).join("")}</table>`
            : `<dl class="prices">${copy.prices.map(([item, price]) => `<dt>${escapeHtml(item)}</dt><dd>${escapeHtml(price)}</dd>`).join("")}</dl><p>Prices include tax. Ask us about payment plans.</p>`,
      };
    case "booking": {
      const fields = `<label>Name <input type="text" name="name" required></label><label>Phone <input type="tel" name="phone" required></label><label>Preferred date <input type="date" name="date"></label><label>Preferred time <select name="time"><option>Morning</option><option>Afternoon</option><option>Evening</option></select></label>`;
      return {
        heading: "Book Online",
        description: `Book an appointment with ${name} online.`,
        body: `<p>Pick a day and time that suits you and we will confirm by text.</p><form class="booking-form" action="/booking-request" method="post">${fields}<button type="submit">Request appointment</button></form>`,
      };
    }
    case "blog": {
      const posts = profile.pages.filter((p) => p.kind === "blogPost");
      return {
        heading: "Blog",
        description: `News and advice from ${name}.`,
        body: `<ul class="posts">${posts.map((p) => `<li><a href="${href(ctx, p.path)}">${escapeHtml(p.title)}</a> <time datetime="${p.date}">${p.date}</time></li>`).join("")}</ul>`,
      };
    }
    case "blogPost":
      return {
        heading: page.title,
        description: `${page.title} — advice from ${name} in ${city}.`,
        body: `<p class="byline">By ${escapeHtml(person(ctx, 1))} · <time datetime="${page.date}">${page.date}</time></p>
<p>${escapeHtml(`We get asked about this a lot at ${name}. Here is the short version from our ${copy.trade} in ${city}.`)}</p>
<p>${escapeHtml(`Every situation is different, but the basics rarely change: look after things early and small problems stay small. ${copy.services[page.postIndex ?? 0]} is one of the most common reasons people come to us.`)}</p>
<p>${escapeHtml("If you are unsure, ask us — we are happy to give a straight answer.")}</p>`,
      };
    case "contact": {
      const form = profile.callToAction.homeForm || profile.callToAction.quoteButton ? contactForm(ctx, "contact-form") : "";
      const widget =
        profile.booking === "calendly"
          ? `<div class="calendly-inline-widget" data-url="${bookingHref(ctx)}" style="min-width:320px;height:630px;"></div><script src="https://assets.calendly.com/assets/external/widget.js" async></script>`
          : profile.booking === "acuity"
            ? `<iframe src="${escapeHtml(bookingHref(ctx) ?? "")}" title="Schedule Appointment" width="100%" height="800" frameBorder="0"></iframe>`
            : "";
      return {
        heading: "Contact",
        description: `Address, phone and opening hours for ${name} in ${city}.`,
        body: `<p>${addressHtml(ctx)}</p><p>Phone: ${phoneHtml(ctx)}</p>${emailOn(ctx, "contact")}<h2>Opening hours</h2>${hoursHtml(ctx)}${form}${widget}`,
      };
    }
    case "privacy":
      return {
        heading: "Privacy Policy",
        description: `How ${name} handles your personal information.`,
        body: `<p>${escapeHtml(`${name} collects only the information you give us when you call, write or fill in a form, and uses it only to answer you and provide our services.`)}</p><p>We do not sell personal information. Our website uses basic analytics cookies.</p>${profile.email ? `<p>Questions about this policy: ${escapeHtml(profile.email.address)}</p>` : ""}`,
      };
    case "terms":
      return {
        heading: "Terms of Service",
        description: `Terms for using the ${name} website.`,
        body: `<p>${escapeHtml("The content of this website is for general information only. Quotes are valid for 30 days.")}</p>`,
      };
    case "home":
      return homeContent(ctx);
  }
}

// ---------------------------------------------------------------- layouts

function titleTag(ctx: RenderContext, title: string): string {
  switch (ctx.profile.seo.title) {
    case "present":
      return `<title>${escapeHtml(title)}</title>`;
    case "empty":
      return "<title></title>";
    case "missing":
      return "";
  }
}

function headTags(ctx: RenderContext, title: string, content: PageContent, isHome: boolean, path: string): string {
  const { profile } = ctx;
  const tags = ['<meta charset="utf-8">'];
  if (profile.viewport) tags.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  const t = titleTag(ctx, title);
  if (t) tags.push(t);
  if (profile.seo.metaDescription) tags.push(`<meta name="description" content="${escapeHtml(content.description)}">`);
  if (profile.wordpressVersion) tags.push(`<meta name="generator" content="WordPress ${profile.wordpressVersion}">`);
  if (profile.style !== "legacy") tags.push(`<link rel="canonical" href="${canonicalOrigin(profile)}${path}">`);
  if (isHome && profile.seo.localBusinessJsonLd) tags.push(jsonLdScript(ctx));
  if (profile.mixedContent) tags.push(`<script src="http://code.jquery.com/jquery-1.12.4.min.js"></script>`);
  if (profile.emailDecoys.sentryDsn) {
    tags.push(`<script>window.SENTRY_DSN="https://3f9a1c2b7d4e4f0a9b8c7d6e5f4a3b2c@o450123.ingest.sentry.io/5512345";</script>`);
  }
  return tags.join("\n");
}

function navHtml(ctx: RenderContext, isHome: boolean): string {
  return navItems(ctx, isHome)
    .map((item) => `<a href="${href(ctx, item.path)}">${escapeHtml(item.label)}</a>`)
    .join(ctx.profile.style === "legacy" ? "<br>\n" : "\n");
}

function footerHtml(ctx: RenderContext): string {
  const links = footerLinks(ctx)
    .map((l) => `<a href="${href(ctx, l.path)}">${escapeHtml(l.label)}</a>`)
    .join(" | ");
  const powered = ctx.profile.style === "wordpress" ? ` <span class="credit">Proudly powered by WordPress</span>` : "";
  return `<p>${escapeHtml(ctx.name)} · ${addressHtml(ctx)} · ${phoneHtml(ctx)}</p>${newsletterForm(ctx)}${links ? `<p class="links">${links}</p>` : ""}<p class="copyright">${copyrightHtml(ctx)}${powered}</p>`;
}

function heroImage(ctx: RenderContext): string {
  const { profile } = ctx;
  const path = profile.style === "wordpress" ? "/wp-content/uploads/hero.jpg" : "/assets/img/hero.jpg";
  const src = profile.mixedContent ? `http://${profile.canonicalHost}${path}` : path;
  return `<img class="hero" src="${src}" alt="${escapeHtml(ctx.name)}" loading="lazy">`;
}

/**
 * Big inline images, the way page builders paste a lightbox gallery into the HTML.
 * Placed after the footer so the first 2 MiB a crawler keeps still hold the whole page.
 */
function inlineImages(totalBytes: number): string {
  const chunk = 700_000;
  const parts: string[] = [];
  for (let i = 0, written = 0; written < totalBytes; i++) {
    const base64 = fillerBase64(chunk);
    parts.push(`<img src="data:image/jpeg;base64,${base64}" alt="Gallery photo ${i + 1}">`);
    written += base64.length + 60;
  }
  return `<div class="lightbox-gallery" hidden>${parts.join("\n")}</div>`;
}

let filler: string | undefined;
function fillerBase64(length: number): string {
  if (!filler || filler.length < length) filler = domainBytes("demo-web", "filler", Math.ceil((length * 3) / 4) + 3).toString("base64");
  return filler.slice(0, length - (length % 4));
}

function modernLayout(ctx: RenderContext, head: string, content: PageContent, isHome: boolean, extra: string): string {
  const { profile } = ctx;
  const h1 = profile.seo.h1 ? `<h1>${escapeHtml(content.heading)}</h1>` : `<div class="hero-title">${escapeHtml(content.heading)}</div>`;
  const wrapperOpen = profile.fixedWidthLayout ? '<div id="wrapper" style="width:980px;margin:0 auto">' : '<div class="container">';
  return `<!DOCTYPE html>
<html lang="en">
<head>
${head}
<link rel="stylesheet" href="/assets/css/site.css">
</head>
<body class="${isHome ? "home" : "page"}">
${wrapperOpen}
<header class="site-header">
<a class="brand" href="/">${logoHtml(ctx)}</a>
<nav class="main-nav">
${navHtml(ctx, isHome)}
</nav>
<div class="header-cta">${phoneHtml(ctx)} ${isHome ? "" : bookingButton(ctx)}</div>
</header>
<main>
${isHome ? heroImage(ctx) : ""}
${h1}
${content.body}
</main>
<footer class="site-footer">
${footerHtml(ctx)}
</footer>
</div>
${extra}
</body>
</html>
`;
}

function wordpressLayout(ctx: RenderContext, head: string, content: PageContent, isHome: boolean, extra: string): string {
  const { profile } = ctx;
  const theme = domainPick(profile.domain, "wpTheme", [
    ["astra", 1],
    ["twentytwentyone", 1],
    ["divi", 1],
    ["oceanwp", 1],
  ]);
  const ver = profile.wordpressVersion ?? "6.7.1";
  const h1 = profile.seo.h1 ? `<h1 class="entry-title">${escapeHtml(content.heading)}</h1>` : `<h2 class="entry-title">${escapeHtml(content.heading)}</h2>`;
  const wrapperOpen = profile.fixedWidthLayout ? '<div id="page" class="site" style="width:1000px;margin:0 auto">' : '<div id="page" class="site">';
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
${head}
<link rel='stylesheet' id='${theme}-style-css' href='${canonicalOrigin(profile)}/wp-content/themes/${theme}/style.css?ver=${ver}' type='text/css' media='all' />
<link rel='stylesheet' id='wp-block-library-css' href='${canonicalOrigin(profile)}/wp-includes/css/dist/block-library/style.min.css?ver=${ver}' type='text/css' media='all' />
</head>
<body class="${isHome ? "home page-template-default" : "page-template-default page"} wp-theme-${theme}">
${wrapperOpen}
<header id="masthead" class="site-header">
<div class="site-branding"><a href="${canonicalOrigin(profile)}/" rel="home">${logoHtml(ctx)}</a><p class="site-title">${escapeHtml(ctx.name)}</p></div>
<nav id="site-navigation" class="main-navigation"><div class="menu-main-container">
${navHtml(ctx, isHome)}
</div></nav>
<div class="header-contact">${phoneHtml(ctx)} ${isHome ? "" : bookingButton(ctx)}</div>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
<article class="page type-page status-publish">
${isHome ? heroImage(ctx) : ""}
<header class="entry-header">${h1}</header>
<div class="entry-content">
${content.body}
</div>
</article>
</main></div>
<aside id="secondary" class="widget-area"><section class="widget widget_search"><form role="search" method="get" class="search-form" action="${canonicalOrigin(profile)}/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" value="" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section></aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">
${footerHtml(ctx)}
</div></footer>
</div>
<script src='${canonicalOrigin(profile)}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1' id='jquery-core-js'></script>
${extra}
</body>
</html>
`;
}

function legacyLayout(ctx: RenderContext, head: string, content: PageContent, isHome: boolean, extra: string): string {
  const { profile } = ctx;
  const heading = profile.seo.h1
    ? `<h1><font face="Georgia" color="#003366">${escapeHtml(content.heading)}</font></h1>`
    : `<font face="Georgia" size="5" color="#003366"><b>${escapeHtml(content.heading)}</b></font><br><br>`;
  return `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
${head.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">')}
<link rel="stylesheet" type="text/css" href="/images/style.css">
</head>
<body bgcolor="#FFFFFF" leftmargin="0" topmargin="0" marginwidth="0" marginheight="0">
<center>
<table width="760" border="0" cellpadding="0" cellspacing="0" bgcolor="#F4F1E8">
<tr><td colspan="2" bgcolor="#003366" height="90"><a href="/">${logoHtml(ctx)}</a> <font face="Arial" size="5" color="#FFFFFF"><b>${escapeHtml(ctx.name)}</b></font></td></tr>
<tr><td width="160" valign="top" bgcolor="#D9E2EC"><font face="Verdana" size="2">
${navHtml(ctx, isHome)}
</font><br><br><font face="Verdana" size="1">${phoneHtml(ctx)}</font></td>
<td width="600" valign="top"><font face="Verdana" size="2">
${heading}
${content.body}
</font></td></tr>
<tr><td colspan="2" align="center"><font face="Verdana" size="1">
${footerHtml(ctx)}
</font></td></tr>
</table>
</center>
${extra}
</body>
</html>
`;
}

/**
 * Home is "/" (or a branch landing page when `entry` is given: same qualities, that
 * branch's details); everything else a SitePage. Returns the full HTML document.
 */
export function renderPage(profile: SiteProfile, page: SitePage | "home", entry?: DemoSiteEntry): string {
  const ctx = contextFor(profile, entry);
  const isHome = page === "home";
  const content = isHome ? homeContent(ctx) : innerContent(ctx, page);
  const path = isHome ? (entry?.path ?? "/") : page.path;
  const title = isHome ? `${ctx.name} | ${capitalise(ctx.copy.trade)} in ${ctx.city}` : `${page.title} | ${ctx.name}`;
  const head = headTags(ctx, title, content, isHome, path);
  let extra = "";
  if (isHome && profile.heavyHome) extra = inlineImages(HEAVY_HOME_BYTES);
  if (isHome && profile.special === "oversized") extra = inlineImages(OVERSIZED_HOME_BYTES);
  const layout = profile.style === "legacy" ? legacyLayout : profile.style === "wordpress" ? wordpressLayout : modernLayout;
  return layout(ctx, head, content, isHome, extra);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The login page behind the robots.txt-disallowed path. */
export function renderPrivatePage(profile: SiteProfile): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Staff login | ${escapeHtml(profile.business.name)}</title></head><body><h1>Staff login</h1><form action="${profile.privatePath}login" method="post"><input type="text" name="user"><input type="password" name="pass"><button type="submit">Log in</button></form></body></html>\n`;
}

export function renderNotFound(profile: SiteProfile | undefined): string {
  const name = profile ? escapeHtml(profile.business.name) : "Not Found";
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found | ${name}</title></head><body><h1>Page not found</h1><p>Sorry, that page does not exist.</p><p><a href="/">Back to the home page</a></p></body></html>\n`;
}

export function renderServerError(): string {
  return `<!DOCTYPE html><html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1><p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p><p>Additionally, a 500 Internal Server Error error was encountered while trying to use an ErrorDocument to handle the request.</p><hr><address>Apache/2.4.29 (Ubuntu) Server Port 80</address></body></html>\n`;
}

// ---------------------------------------------------------------- robots.txt and sitemaps

function lastmod(profile: SiteProfile, page: SitePage | undefined, index: number): string {
  if (page?.date) return page.date;
  const year = profile.copyright?.year ?? profile.referenceYear - 1;
  const month = domainInt(profile.domain, `lastmod${index}`, 1, 12);
  return `${Math.min(year, profile.referenceYear - 1)}-${String(month).padStart(2, "0")}-${String(domainInt(profile.domain, `lastmodDay${index}`, 1, 28)).padStart(2, "0")}`;
}

function urlset(profile: SiteProfile, pages: readonly (SitePage | undefined)[]): string {
  const origin = canonicalOrigin(profile);
  const entries = pages.map(
    (page, i) => `  <url>\n    <loc>${origin}${page ? page.path : "/"}</loc>\n    <lastmod>${lastmod(profile, page, i)}</lastmod>\n  </url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</urlset>\n`;
}

/** Sitemap documents by path; empty when the site has none. */
export function renderSitemaps(profile: SiteProfile): Map<string, string> {
  const files = new Map<string, string>();
  if (profile.sitemap === "none") return files;
  const pages = [undefined, ...profile.pages];
  if (profile.sitemap === "urlset") {
    files.set("/sitemap.xml", urlset(profile, pages));
    return files;
  }
  const origin = canonicalOrigin(profile);
  const posts = profile.pages.filter((p) => p.kind === "blogPost");
  const children: [string, (SitePage | undefined)[]][] = [["/page-sitemap.xml", pages.filter((p) => p?.kind !== "blogPost")]];
  if (posts.length > 0) children.push(["/post-sitemap.xml", posts]);
  const index = `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${children
    .map(
      ([path, list], i) =>
        `  <sitemap>\n    <loc>${origin}${path}</loc>\n    <lastmod>${lastmod(profile, list[list.length - 1], 100 + i)}</lastmod>\n  </sitemap>`,
    )
    .join("\n")}\n</sitemapindex>\n`;
  files.set("/sitemap_index.xml", index);
  files.set("/sitemap.xml", index);
  for (const [path, list] of children) files.set(path, urlset(profile, list));
  return files;
}

/** robots.txt text, or undefined when the site has none (404). */
export function renderRobotsTxt(profile: SiteProfile): string | undefined {
  if (profile.robots === "none") return undefined;
  const lines = ["User-agent: *"];
  if (profile.robots === "allowAll") lines.push("Disallow:");
  else if (profile.style === "wordpress") lines.push("Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php");
  else lines.push(`Disallow: ${profile.privatePath}`);
  if (profile.robotsListsSitemap) {
    lines.push("", `Sitemap: ${canonicalOrigin(profile)}${profile.sitemap === "index" ? "/sitemap_index.xml" : "/sitemap.xml"}`);
  }
  return `${lines.join("\n")}\n`;
}
