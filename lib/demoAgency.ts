import type { ApprovedClaim } from "./claims";
import { DEFAULT_QUALIFICATION_CRITERIA } from "./signals";

/**
 * The agency `npm run dev` starts with, so one click runs a whole pipeline.
 * Each claim lists the problems it answers; "No contact email" is left without
 * a claim on purpose, so the report shows how it asks for one.
 */
export const DEMO_AGENCY = {
  name: "Atlas Demo Agency",
  targetVertical: "dentists",
  targetGeography: "Seattle, WA",
  leadQualificationCriteria: [...DEFAULT_QUALIFICATION_CRITERIA],
  approvedClaims: [
    {
      id: "claim-mobile",
      text: "We build fast, mobile-friendly websites that turn phone visitors into booked appointments.",
      signals: ["WEBSITE_NOT_MOBILE_FRIENDLY", "SLOW_OR_HEAVY_PAGE"],
    },
    { id: "claim-reviews", text: "Our review program lifts Google ratings by asking happy customers for reviews.", signals: ["LOW_GOOGLE_RATING"] },
    {
      id: "claim-booking",
      text: "We add online booking and click-to-call so customers can book or call in one tap.",
      signals: ["NO_ONLINE_BOOKING", "NO_CALL_TO_ACTION"],
    },
    {
      id: "claim-seo",
      text: "Local SEO: we fix your page titles, descriptions and business details so you show up when people nearby search on Google.",
      signals: ["POOR_SEO"],
    },
    {
      id: "claim-website",
      text: "We launch a professional website on your own domain in two weeks.",
      signals: ["MISSING_WEBSITE", "WEAK_WEB_PRESENCE", "OUTDATED_WEBSITE", "WEBSITE_DOWN"],
    },
    { id: "claim-security", text: "We move your website to HTTPS with a modern, secure hosting setup.", signals: ["NO_SSL", "MIXED_CONTENT"] },
  ] satisfies ApprovedClaim[],
  // Call to action on shared reports (lib/agencyBranding.ts); the logo is served by the dashboard (demoAgencyLogoUrl).
  bookingUrl: "https://book.atlas-demo-agency.example/intro-call",
  contactPhone: "+12065550148",
};

/** The demo agency's logo, a file the dashboard serves (public/): absolute, from the dashboard's URL. */
export const DEMO_AGENCY_LOGO_PATH = "/atlas-demo-agency-logo.svg";
export function demoAgencyLogoUrl(dashboardUrl: string | undefined): string | undefined {
  if (!dashboardUrl) return undefined;
  try {
    const url = new URL(DEMO_AGENCY_LOGO_PATH, dashboardUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
