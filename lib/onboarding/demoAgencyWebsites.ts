/**
 * The demo agencies' websites the demo web server serves (server/demoWeb/agencySites.ts), offered on the
 * setup screen when `*.example` hosts are routed to it (DEMO_WEB_ORIGIN), so onboarding can be tried offline.
 */
export const DEMO_AGENCY_WEBSITES = [
  { domain: "pixelharborstudio.example", kind: "web-design studio" },
  { domain: "rankwiselocal.example", kind: "local-SEO shop" },
  { domain: "fivestarstanding.example", kind: "reputation-management firm" },
] as const;
