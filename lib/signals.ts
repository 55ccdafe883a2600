/**
 * The signal catalogue: every problem a lead can show, its weight, and how the
 * dashboard labels it. The one place these are defined (docs/architecture.md §5).
 */
export const PLACES_SIGNALS = ["MISSING_WEBSITE", "WEAK_WEB_PRESENCE", "LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"] as const;

export const DEEP_SIGNALS = [
  "WEBSITE_NOT_MOBILE_FRIENDLY",
  "NO_CALL_TO_ACTION",
  "NO_SSL",
  "MIXED_CONTENT",
  "POOR_SEO",
  "NO_CONTACT_EMAIL",
  "NO_ONLINE_BOOKING",
  "OUTDATED_WEBSITE",
  "SLOW_OR_HEAVY_PAGE",
  "WEBSITE_DOWN",
] as const;

export const SIGNALS = [...PLACES_SIGNALS, ...DEEP_SIGNALS] as const;

export type PlacesSignal = (typeof PLACES_SIGNALS)[number];
export type DeepSignal = (typeof DEEP_SIGNALS)[number];
export type Signal = (typeof SIGNALS)[number];

export type SignalKind = "places" | "placeholder" | "deep";

export interface SignalInfo {
  weight: number;
  kind: SignalKind;
  /** Short badge text. */
  label: string;
  /** What the agency solves, in plain English (agency setup checkboxes). */
  description: string;
}

export const SIGNAL_CATALOGUE: Record<Signal, SignalInfo> = {
  MISSING_WEBSITE: { weight: 50, kind: "places", label: "No website", description: "Businesses with no website at all" },
  WEAK_WEB_PRESENCE: {
    weight: 35,
    kind: "places",
    label: "Social-only site",
    description: "Businesses whose only web presence is a Facebook, Instagram, Yelp or link-in-bio page",
  },
  LOW_GOOGLE_RATING: {
    weight: 30,
    kind: "places",
    label: "Low rating",
    description: "Google rating under 4.0 with more than 5 reviews (reputation management)",
  },
  NEEDS_WEB_AUDIT: {
    weight: 15,
    kind: "placeholder",
    label: "Needs audit",
    description: "Has a real website worth auditing (scored until the audit confirms findings)",
  },
  WEBSITE_NOT_MOBILE_FRIENDLY: {
    weight: 25,
    kind: "deep",
    label: "Not mobile-friendly",
    description: "Website does not adapt to phones (no or broken viewport, fixed-width layout)",
  },
  NO_CALL_TO_ACTION: {
    weight: 20,
    kind: "deep",
    label: "No call-to-action",
    description: "No click-to-call, booking, quote button or contact form on the home page",
  },
  NO_SSL: { weight: 20, kind: "deep", label: "No HTTPS", description: "Website is served without HTTPS" },
  MIXED_CONTENT: {
    weight: 10,
    kind: "deep",
    label: "Mixed content",
    description: "HTTPS pages load scripts, styles or images over plain http:// (browsers block or flag them)",
  },
  POOR_SEO: { weight: 15, kind: "deep", label: "Poor SEO", description: "Missing title, meta description, H1 or LocalBusiness structured data" },
  NO_CONTACT_EMAIL: { weight: 10, kind: "deep", label: "No contact email", description: "No contact email published on the website" },
  NO_ONLINE_BOOKING: { weight: 15, kind: "deep", label: "No online booking", description: "Customers cannot book or request an appointment online" },
  OUTDATED_WEBSITE: {
    weight: 20,
    kind: "deep",
    label: "Outdated site",
    description: "Copyright three or more years old, or obsolete markup (tables, <font>, Flash)",
  },
  SLOW_OR_HEAVY_PAGE: { weight: 15, kind: "deep", label: "Slow or heavy", description: "Home page is slow to answer or heavy to download" },
  WEBSITE_DOWN: {
    weight: 40,
    kind: "deep",
    label: "Website down",
    description: "The website listed on Google does not answer (DNS failure, timeout or server error)",
  },
};

export function isSignal(value: string): value is Signal {
  return (SIGNALS as readonly string[]).includes(value);
}

export function isDeepSignal(value: string): value is DeepSignal {
  return (DEEP_SIGNALS as readonly string[]).includes(value);
}

/** The criteria a new agency starts with: every problem we can detect. */
export const DEFAULT_QUALIFICATION_CRITERIA: Signal[] = SIGNALS.filter((s) => s !== "NEEDS_WEB_AUDIT");
