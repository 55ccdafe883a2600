/**
 * Picks the pages that matter for a local-business audit. Deterministic: the same
 * URLs in any order give the same ranking (score, then path depth, then URL).
 */

export type PageCategory = "home" | "contact" | "services" | "about" | "booking" | "pricing" | "team" | "info" | "other" | "blog_index" | "blog_post" | "legal";

export interface RankedPage {
  url: string;
  category: PageCategory;
  score: number;
  /** Non-empty path segments. */
  depth: number;
}

export const PAGE_CATEGORY_SCORES: Record<PageCategory, number> = {
  home: 1000,
  contact: 90,
  services: 80,
  about: 70,
  booking: 60,
  pricing: 50,
  team: 40,
  info: 30,
  other: 20,
  blog_index: 8,
  blog_post: 4,
  legal: 2,
};

// Checked in this order; the first category with a matching path token wins. Booking verbs
// come first so "/schedule-service" is a booking page, not a services page.
const KEYWORDS: [PageCategory, string[]][] = [
  [
    "booking",
    [
      "book",
      "booking",
      "book-now",
      "book-online",
      "appointment",
      "appointments",
      "request-appointment",
      "schedule",
      "scheduling",
      "reservations",
      "reserve",
      "quote",
      "get-a-quote",
      "estimate",
      "free-estimate",
      "consultation",
    ],
  ],
  ["contact", ["contact", "contacts", "contact-us", "get-in-touch", "location", "locations", "directions", "find-us", "visit-us", "hours"]],
  [
    "services",
    [
      "services",
      "service",
      "our-services",
      "treatments",
      "treatment",
      "procedures",
      "what-we-do",
      "practice-areas",
      "solutions",
      "menu",
      "offerings",
      "specialties",
      "repairs",
      "classes",
      "programs",
    ],
  ],
  ["about", ["about", "about-us", "our-story", "who-we-are", "story", "history", "mission", "why-us", "why-choose-us"]],
  ["pricing", ["pricing", "prices", "price", "rates", "fees", "cost", "costs", "packages", "plans", "insurance", "financing", "specials", "offers"]],
  ["team", ["team", "our-team", "staff", "doctors", "dentists", "providers", "people", "meet-the-team", "meet-us", "attorneys", "stylists", "trainers"]],
  [
    "info",
    [
      "faq",
      "faqs",
      "testimonials",
      "reviews",
      "gallery",
      "portfolio",
      "projects",
      "areas-served",
      "service-area",
      "service-areas",
      "new-patients",
      "patients",
      "careers",
      "events",
      "shop",
    ],
  ],
];

const BLOG_ROOTS = new Set([
  "blog",
  "blogs",
  "news",
  "articles",
  "article",
  "posts",
  "post",
  "stories",
  "press",
  "updates",
  "journal",
  "insights",
  "resources",
]);
const LEGAL = new Set([
  "privacy",
  "privacy-policy",
  "terms",
  "terms-of-service",
  "terms-of-use",
  "terms-and-conditions",
  "legal",
  "cookie-policy",
  "cookies",
  "disclaimer",
  "accessibility",
  "accessibility-statement",
  "imprint",
  "impressum",
  "gdpr",
  "hipaa",
  "notice-of-privacy-practices",
  "sitemap",
]);
const EXCLUDED_SEGMENTS = new Set([
  "tag",
  "tags",
  "category",
  "categories",
  "author",
  "authors",
  "page",
  "feed",
  "rss",
  "comments",
  "wp-admin",
  "wp-login.php",
  "wp-json",
  "wp-content",
  "wp-includes",
  "login",
  "log-in",
  "signin",
  "sign-in",
  "logout",
  "register",
  "signup",
  "sign-up",
  "account",
  "my-account",
  "cart",
  "basket",
  "checkout",
  "search",
  "cdn-cgi",
  "xmlrpc.php",
  "amp",
  "print",
  "attachment",
]);
const FILE_EXTENSION =
  /\.(pdf|jpe?g|png|gif|webp|svg|ico|bmp|tiff?|mp4|mov|avi|webm|mp3|wav|zip|rar|gz|7z|docx?|xlsx?|pptx?|csv|txt|xml|json|css|js|woff2?|ttf|eot|ics|vcf)$/i;
const PAGE_EXTENSION = /\.(html?|php|aspx?|jsp|cfm)$/i;
const HOME_FILES = new Set(["index", "home", "default", "index.html", "index.htm", "index.php", "default.aspx"]);

/** The category of one URL, or undefined when it should never be crawled for an audit. */
export function categorizePage(rawUrl: string): { category: PageCategory; depth: number } | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const segments = url.pathname
    .split("/")
    .filter(Boolean)
    .map((s) => safeDecode(s).toLowerCase());
  const depth = segments.length;
  const last = segments[depth - 1] ?? "";
  if (FILE_EXTENSION.test(last)) return undefined;
  if (segments.some((s) => EXCLUDED_SEGMENTS.has(s))) return undefined;
  if (/(^|&)(s|replytocom|add-to-cart|share|print|p|page_id|preview)=/i.test(url.search.slice(1))) return undefined;

  if (depth === 0 || (depth === 1 && HOME_FILES.has(last))) return { category: "home", depth: 0 };
  const names = segments.map((s) => s.replace(PAGE_EXTENSION, ""));
  if (names.some((s) => LEGAL.has(s))) return { category: "legal", depth };
  // /blog, /news → index; /blog/anything or dated paths (/2023/05/slug) → posts.
  const blogAt = names.findIndex((s) => BLOG_ROOTS.has(s));
  if (blogAt >= 0) return { category: blogAt === depth - 1 ? "blog_index" : "blog_post", depth };
  if (/^(19|20)\d\d$/.test(names[0]) && depth >= 2) return { category: "blog_post", depth };

  const tokens = names.map((name) => ({ whole: name, parts: name.split(/[-_.]+/).filter(Boolean) }));
  for (const [category, words] of KEYWORDS) {
    if (tokens.some((t) => words.includes(t.whole) || t.parts.some((p) => words.includes(p)))) return { category, depth };
  }
  return { category: "other", depth };
}

/** Lower-case host without www, path without trailing slash or index file, and the query: one key per page. */
export function pageKey(rawUrl: string): string {
  const url = new URL(rawUrl);
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  let path = url.pathname.replace(/\/(index|default)\.(html?|php|aspx?)$/i, "/").replace(/\/+$/, "");
  if (!path) path = "/";
  return `${host}${path.toLowerCase()}${url.search}`;
}

/**
 * Ranks URLs for a business audit and returns the top `limit`, home first (added from
 * `homeUrl` when it is missing). Excluded URLs (files, tags, login, cart, feeds...) are dropped,
 * duplicates (www/bare, trailing slash, http/https) keep their first spelling.
 */
export function rankPagesForAudit(urls: readonly string[], options: { homeUrl?: string; limit?: number } = {}): RankedPage[] {
  const byKey = new Map<string, RankedPage>();
  const candidates = options.homeUrl ? [options.homeUrl, ...urls] : [...urls];
  for (const url of candidates) {
    const info = categorizePage(url);
    if (!info) continue;
    const key = pageKey(url);
    if (byKey.has(key)) continue;
    let score = PAGE_CATEGORY_SCORES[info.category];
    // A query string usually means a filtered or tracking variant of another page.
    if (new URL(url).search && info.category !== "home") score -= 1;
    byKey.set(key, { url, category: info.category, score, depth: info.depth });
  }
  const ranked = [...byKey.values()].sort((a, b) => b.score - a.score || a.depth - b.depth || compareText(a.url, b.url));
  // Only one home page: the first-spelled one (homeUrl when given) leads, other spellings drop.
  const home = options.homeUrl
    ? (ranked.find((p) => p.url === options.homeUrl) ?? ranked.find((p) => p.category === "home"))
    : ranked.find((p) => p.category === "home");
  const rest = ranked.filter((p) => p.category !== "home");
  const ordered = home ? [home, ...rest] : rest;
  return ordered.slice(0, options.limit ?? ordered.length);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
