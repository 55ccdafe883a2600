import type { Signal } from "../signals";

/** How a signal reads inside a sentence ("Opportunity: low Google rating & no online booking."). */
export const SIGNAL_PHRASES: Record<Signal, string> = {
  MISSING_WEBSITE: "no website",
  WEAK_WEB_PRESENCE: "only a social-media or directory page for a website",
  LOW_GOOGLE_RATING: "low Google rating",
  NEEDS_WEB_AUDIT: "website worth auditing",
  WEBSITE_NOT_MOBILE_FRIENDLY: "website not mobile-friendly",
  NO_CALL_TO_ACTION: "no clear call-to-action on website",
  NO_SSL: "no HTTPS on website",
  MIXED_CONTENT: "secure pages that load insecure http:// files (mixed content)",
  POOR_SEO: "weak on-page SEO",
  NO_CONTACT_EMAIL: "no contact email on website",
  NO_ONLINE_BOOKING: "no online booking",
  OUTDATED_WEBSITE: "outdated website",
  SLOW_OR_HEAVY_PAGE: "slow or heavy home page",
  WEBSITE_DOWN: "website down (does not answer)",
};

/**
 * Words in an approved claim that show it addresses a signal. Matched on word
 * starts, so "review" also matches "reviews" and "book" matches "booking".
 */
export const SIGNAL_CLAIM_KEYWORDS: Record<Signal, readonly string[]> = {
  MISSING_WEBSITE: ["website", "web site", "site", "online presence", "web design"],
  WEAK_WEB_PRESENCE: ["website", "web site", "online presence", "social"],
  LOW_GOOGLE_RATING: ["review", "rating", "reputation", "stars"],
  NEEDS_WEB_AUDIT: [],
  WEBSITE_NOT_MOBILE_FRIENDLY: ["mobile", "responsive", "smartphone", "phone-friendly"],
  NO_CALL_TO_ACTION: ["call-to-action", "call to action", "cta", "click-to-call", "conversion", "convert", "enquir", "inquir"],
  NO_SSL: ["https", "ssl", "secure", "security", "certificate"],
  MIXED_CONTENT: ["https", "ssl", "secure", "security", "mixed content"],
  POOR_SEO: ["seo", "search", "ranking", "rank", "google maps", "visibility"],
  NO_CONTACT_EMAIL: ["email", "e-mail", "inbox"],
  NO_ONLINE_BOOKING: ["book", "appointment", "scheduling", "schedule", "reservation"],
  OUTDATED_WEBSITE: ["redesign", "modern", "outdated", "refresh", "rebuild", "new website"],
  SLOW_OR_HEAVY_PAGE: ["speed", "fast", "slow", "load", "performance"],
  WEBSITE_DOWN: ["website", "web site", "hosting", "uptime", "down", "rebuild", "new website"],
};
