import { DEFAULT_QUALIFICATION_CRITERIA } from "./signals";

/** The agency `npm run dev` starts with, so one click runs a whole pipeline. */
export const DEMO_AGENCY = {
  name: "Atlas Demo Agency",
  targetVertical: "dentists",
  targetGeography: "Seattle, WA",
  leadQualificationCriteria: [...DEFAULT_QUALIFICATION_CRITERIA],
  approvedClaims: [
    { id: "claim-mobile", text: "We build fast, mobile-friendly websites that turn phone visitors into booked appointments." },
    { id: "claim-reviews", text: "Our review program lifts Google ratings by asking happy customers for reviews." },
    { id: "claim-booking", text: "We add online booking and click-to-call so customers can book or call in one tap." },
    { id: "claim-seo", text: "Local SEO: titles, descriptions and LocalBusiness markup so you show up in local search." },
    { id: "claim-website", text: "We launch a professional website on your own domain in two weeks." },
    { id: "claim-security", text: "We move your website to HTTPS with a modern, secure hosting setup." },
  ],
};
