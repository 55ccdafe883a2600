import { isBookingProviderUrl } from "./bookingProviders";
import { type ParsedPage, attr, elementsOf } from "./parsedPage";

export const TECHNOLOGY_CATEGORIES = ["cms", "analytics", "booking", "chat"] as const;
export type TechnologyCategory = (typeof TECHNOLOGY_CATEGORIES)[number];

export interface TechnologyFound {
  name: string;
  category: TechnologyCategory;
  /** What showed it: a quote from the page (a script host, the generator tag…). */
  evidence: string;
}

export interface SiteTechnology {
  found: TechnologyFound[];
  /** No analytics or tag manager on any page read: a pitch in itself. */
  analyticsMissing: boolean;
}

interface Rule {
  name: string;
  category: TechnologyCategory;
  /** Matched against script/iframe/link URLs. */
  url?: RegExp;
  /** Matched against the generator meta tag. */
  generator?: RegExp;
  /** Matched against inline script text. */
  inline?: RegExp;
}

/**
 * A small rules table in the spirit of Wappalyzer's (its npm packages are no longer open source or
 * carry install scripts and a browser; see README): only what agencies pitch on.
 */
const RULES: readonly Rule[] = [
  { name: "WordPress", category: "cms", url: /\/wp-content\/|\/wp-includes\//i, generator: /wordpress/i },
  { name: "Wix", category: "cms", url: /static\.wixstatic\.com|static\.parastorage\.com/i, generator: /wix\.com/i },
  { name: "Squarespace", category: "cms", url: /static1\.squarespace\.com|squarespace-cdn\.com/i, generator: /squarespace/i },
  { name: "Webflow", category: "cms", url: /assets\.website-files\.com|webflow\.js/i, generator: /webflow/i },
  { name: "Shopify", category: "cms", url: /cdn\.shopify\.com/i, generator: /shopify/i },
  { name: "Weebly", category: "cms", url: /editmysite\.com|weebly\.com/i, generator: /weebly/i },
  { name: "GoDaddy Website Builder", category: "cms", url: /img1\.wsimg\.com|websites\.godaddy\.com/i, generator: /godaddy|starfield/i },
  { name: "Joomla", category: "cms", generator: /joomla/i },
  { name: "Drupal", category: "cms", generator: /drupal/i },
  { name: "Duda", category: "cms", url: /dudaone|multiscreensite\.com|dudamobile/i },
  { name: "Jimdo", category: "cms", url: /jimdo|jimcdn\.com/i, generator: /jimdo/i },
  { name: "FrontPage", category: "cms", generator: /frontpage/i },
  { name: "Dreamweaver", category: "cms", generator: /dreamweaver/i },
  { name: "Bootstrap", category: "cms", url: /bootstrap(?:\.bundle)?(?:\.min)?\.(?:js|css)/i },
  { name: "Google Tag Manager", category: "analytics", url: /googletagmanager\.com\/gtm\.js/i, inline: /googletagmanager\.com\/gtm\.js|GTM-[A-Z0-9]{4,}/ },
  {
    name: "Google Analytics",
    category: "analytics",
    url: /google-analytics\.com|googletagmanager\.com\/gtag\/js/i,
    inline: /google-analytics\.com\/(?:ga|analytics)\.js|gtag\(\s*['"]config['"]\s*,\s*['"](?:G|UA)-/,
  },
  { name: "Meta Pixel", category: "analytics", url: /connect\.facebook\.net\/.*\/fbevents\.js/i, inline: /fbq\(\s*['"]init['"]/ },
  { name: "Plausible", category: "analytics", url: /plausible\.io\/js/i },
  { name: "Matomo", category: "analytics", inline: /_paq\.push|matomo\.js|piwik\.js/i, url: /matomo\.js|piwik\.js/i },
  { name: "Hotjar", category: "analytics", url: /static\.hotjar\.com/i, inline: /static\.hotjar\.com/ },
  { name: "Tawk.to", category: "chat", url: /embed\.tawk\.to/i, inline: /embed\.tawk\.to/ },
  { name: "Intercom", category: "chat", url: /widget\.intercom\.io|js\.intercomcdn\.com/i, inline: /widget\.intercom\.io/ },
  { name: "Drift", category: "chat", url: /js\.driftt\.com/i, inline: /js\.driftt\.com/ },
  { name: "Crisp", category: "chat", url: /client\.crisp\.chat/i, inline: /client\.crisp\.chat/ },
  { name: "LiveChat", category: "chat", url: /cdn\.livechatinc\.com/i, inline: /cdn\.livechatinc\.com/ },
  { name: "Tidio", category: "chat", url: /code\.tidio\.co/i },
  { name: "Zendesk Chat", category: "chat", url: /static\.zdassets\.com|v2\.zopim\.com/i },
  { name: "HubSpot", category: "chat", url: /js\.hs-scripts\.com|js\.hsforms\.net/i },
];

function resourceUrls(parsed: ParsedPage): string[] {
  const urls: string[] = [];
  for (const tag of ["script", "iframe", "img"])
    for (const el of elementsOf(parsed, tag)) {
      const src = attr(el, "src");
      if (src) urls.push(src.trim());
    }
  for (const el of elementsOf(parsed, "link")) {
    const href = attr(el, "href");
    if (href) urls.push(href.trim());
  }
  return urls;
}

/** Technology on the pages read: CMS or site builder, analytics, booking and chat widgets, each with its evidence. */
export function detectTechnology(pages: readonly ParsedPage[]): SiteTechnology {
  const found = new Map<string, TechnologyFound>();
  for (const parsed of pages) {
    const urls = resourceUrls(parsed);
    const inline = elementsOf(parsed, "script")
      .filter((s) => !attr(s, "src"))
      .map((s) => s.children.map((c) => ("data" in c ? String(c.data) : "")).join(""));
    for (const rule of RULES) {
      if (found.has(rule.name)) continue;
      const url = rule.url ? urls.find((u) => rule.url!.test(u)) : undefined;
      const generator = rule.generator && parsed.generator && rule.generator.test(parsed.generator) ? parsed.generator : undefined;
      const script = rule.inline ? inline.map((text) => rule.inline!.exec(text)?.[0]).find(Boolean) : undefined;
      const evidence = generator ?? url ?? script;
      if (evidence) found.set(rule.name, { name: rule.name, category: rule.category, evidence });
    }
    for (const url of [...urls, ...parsed.links.map((l) => l.href)]) {
      let absolute: URL;
      try {
        absolute = new URL(url, parsed.url);
      } catch {
        continue;
      }
      if (!isBookingProviderUrl(absolute.href)) continue;
      const host = absolute.hostname.replace(/^www\./, "");
      if (!found.has(host)) found.set(host, { name: host, category: "booking", evidence: url });
    }
  }
  const list = [...found.values()];
  return { found: list, analyticsMissing: !list.some((t) => t.category === "analytics") };
}
