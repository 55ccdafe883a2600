import { describe, expect, it } from "vitest";
import { describeFitReason } from "../../../lib/audit/fitReason";
import { HeuristicDossierWriter } from "../../../lib/audit/heuristicDossier";
import { AGENCY, NOW, OLD_TABLE_SITE_HOME, WORDPRESS_DENTIST_HOME, auditInput, scraped } from "./fixtures";

const writer = new HeuristicDossierWriter(() => NOW);
const OLD_URL = "http://www.bobsplumbing.example/";

describe("HeuristicDossierWriter", () => {
  it("writes a full dossier for an audited site with a low rating", async () => {
    const input = auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], {
      name: "Bob's Plumbing",
      website: OLD_URL,
      city: "Springfield",
      targetVertical: "plumbers",
      rating: 3.4,
      reviewsCount: 27,
      signals: ["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"],
    });
    const dossier = await writer.writeDossier(input);

    expect(dossier.provider).toBe("heuristic");
    // Written to the owner in plain English; the technical evidence stays in the gaps.
    expect(dossier.summary).toBe(
      "Bob's Plumbing has a 3.4-star Google rating from 27 reviews. We checked 1 page of your website (www.bobsplumbing.example) and found 6 things that may be costing you customers: " +
        "a website that doesn't work well on phones, no clear way to call or get in touch from the home page, a website that isn't secure, a website that's hard for Google to understand, no way to book online and a website that looks out of date. Contact email: bob@bobsplumbing.example.",
    );
    expect(dossier.identified_gaps.find((g) => g.key === "WEBSITE_NOT_MOBILE_FRIENDLY")?.value).toMatch(/viewport/);
    expect(dossier.identified_gaps[0]).toEqual({
      key: "LOW_GOOGLE_RATING",
      value: "Google rating is 3.4★ from 27 reviews (below 4.0).",
      source_url: "places:rating",
    });
    expect(dossier.identified_gaps.slice(1).map((g) => [g.key, g.source_url])).toEqual([
      ["WEBSITE_NOT_MOBILE_FRIENDLY", OLD_URL],
      ["NO_CALL_TO_ACTION", OLD_URL],
      ["NO_SSL", OLD_URL],
      ["POOR_SEO", OLD_URL],
      ["NO_ONLINE_BOOKING", OLD_URL],
      ["OUTDATED_WEBSITE", OLD_URL],
    ]);
    expect(dossier.confirmedSignals).toEqual([
      "WEBSITE_NOT_MOBILE_FRIENDLY",
      "NO_CALL_TO_ACTION",
      "NO_SSL",
      "POOR_SEO",
      "NO_ONLINE_BOOKING",
      "OUTDATED_WEBSITE",
    ]);
    expect(dossier.email).toBe("bob@bobsplumbing.example");
    // LOW_GOOGLE_RATING (30) and WEBSITE_NOT_MOBILE_FRIENDLY (25) are the heaviest signals this agency solves.
    expect(dossier.fit_reason).toBe("Opportunity: a Google rating under 4 stars and a website that doesn't work well on phones.");
  });

  it("pitches each sold gap with the claim that answers it, and names the gaps no claim answers", async () => {
    const input = auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL, rating: 3.4, reviewsCount: 27, signals: ["LOW_GOOGLE_RATING"] });
    const dossier = await writer.writeDossier(input);
    const byClaim = Object.fromEntries(dossier.talking_points.map((p) => [p.approved_claim_id, p]));
    expect(dossier.talking_points.map((p) => [p.approved_claim_id, p.gap_keys])).toEqual([
      ["claim-reviews", ["LOW_GOOGLE_RATING"]],
      ["claim-mobile", ["WEBSITE_NOT_MOBILE_FRIENDLY"]],
      ["claim-ssl", ["NO_SSL"]],
      ["claim-booking", ["NO_ONLINE_BOOKING"]],
    ]);
    expect(byClaim["claim-reviews"]).toMatchObject({ source_url: "places:rating" });
    expect(byClaim["claim-reviews"].text).toBe(
      "Your Google rating is 3.4 stars from 27 reviews, and many people pass over businesses rated under 4 stars. Our review program helps local businesses earn more 5-star Google reviews.",
    );
    expect(byClaim["claim-mobile"].text).toBe(
      "Your site doesn't adjust to phones, so visitors on mobile have to pinch and zoom to read it. We build mobile-first websites that load fast on any phone.",
    );
    expect(byClaim["claim-booking"].source_url).toBe(OLD_URL);
    // The agency sells "no call-to-action" but has no claim for it: no talking point, and the dossier says so.
    expect(dossier.unpitchedSignals).toEqual(["NO_CALL_TO_ACTION"]);
    // POOR_SEO and OUTDATED_WEBSITE are not in this agency's criteria: found, but never pitched nor asked for.
    expect(dossier.identified_gaps.map((g) => g.key)).toEqual(expect.arrayContaining(["POOR_SEO", "OUTDATED_WEBSITE"]));
  });

  it("says a claim once: gaps answered by the same claim share one talking point", async () => {
    const agency = {
      ...AGENCY,
      leadQualificationCriteria: [...AGENCY.leadQualificationCriteria, "OUTDATED_WEBSITE"],
      approvedClaims: [
        {
          id: "claim-rebuild",
          text: "We rebuild old websites into fast, modern, phone-friendly ones.",
          signals: ["WEBSITE_NOT_MOBILE_FRIENDLY" as const, "OUTDATED_WEBSITE" as const],
        },
      ],
    };
    const dossier = await writer.writeDossier(auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL }, agency));
    expect(dossier.talking_points).toHaveLength(1);
    expect(dossier.talking_points[0].gap_keys).toEqual(["WEBSITE_NOT_MOBILE_FRIENDLY", "OUTDATED_WEBSITE"]);
    expect(dossier.talking_points[0].text.split(agency.approvedClaims[0].text)).toHaveLength(2);
  });

  it("reads a claim saved before claims listed their signals by its wording", async () => {
    const agency = { ...AGENCY, approvedClaims: AGENCY.approvedClaims.map(({ id, text }) => ({ id, text })) };
    const dossier = await writer.writeDossier(
      auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL, rating: 3.4, reviewsCount: 27, signals: ["LOW_GOOGLE_RATING"] }, agency),
    );
    expect(dossier.talking_points.map((p) => p.approved_claim_id).sort()).toEqual(["claim-booking", "claim-mobile", "claim-reviews", "claim-ssl"]);
  });

  it("has no talking points when no claim matches a gap", async () => {
    const agency = { ...AGENCY, approvedClaims: [{ id: "claim-logo", text: "We design memorable logos." }] };
    const dossier = await writer.writeDossier(auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL }, agency));
    expect(dossier.identified_gaps.length).toBeGreaterThan(0);
    expect(dossier.talking_points).toEqual([]);
  });

  it("reports a clean site without inventing gaps", async () => {
    const dossier = await writer.writeDossier(auditInput([scraped("https://www.harborviewdental.example/", WORDPRESS_DENTIST_HOME)]));
    expect(dossier.identified_gaps).toEqual([]);
    expect(dossier.talking_points).toEqual([]);
    expect(dossier.confirmedSignals).toEqual([]);
    expect(dossier.summary).toContain("found no major problems. Contact email: info@harborviewdental.example.");
    expect(dossier.fit_reason).toBe("No confirmed problem matches the agency's qualification criteria.");
  });

  it("says plainly when the home page could not be fetched, keeping Places-based gaps", async () => {
    const home = scraped("https://www.harborviewdental.example/", "", { statusCode: 0, error: "timeout after 10000 ms" });
    const dossier = await writer.writeDossier(auditInput([home], { rating: 3.1, reviewsCount: 40, signals: ["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"] }));
    // The technical reason is on `auditFailure` (and the audit job); the summary stays plain.
    expect(dossier.auditFailure).toBe("timeout after 10000 ms");
    expect(dossier.summary).toBe(
      "We couldn't check your website: it didn't open when we tried it. Harborview Dental has a 3.1-star Google rating from 40 reviews.",
    );
    // A timeout means the site does not answer: WEBSITE_DOWN, with what failed and when.
    expect(dossier.confirmedSignals).toEqual(["WEBSITE_DOWN"]);
    expect(dossier.websiteOutcome).toBe("unreachable");
    expect(dossier.identified_gaps.map((g) => g.key)).toEqual(["LOW_GOOGLE_RATING", "WEBSITE_DOWN"]);
    expect(dossier.identified_gaps[1].value).toMatch(/did not answer in time \(timeout\) \(timeout after 10000 ms\)/);
  });

  it("turns a missing website and a Facebook-only presence into Places gaps", async () => {
    const none = await writer.writeDossier(auditInput([], { website: undefined, signals: ["MISSING_WEBSITE"] }));
    expect(none.identified_gaps).toEqual([
      { key: "MISSING_WEBSITE", value: "No website is listed on the Google Business Profile.", source_url: "places:websiteUri" },
    ]);
    expect(none.summary).toContain("You don't have a website listed on Google");
    expect(none.fit_reason).toBe("Opportunity: no website.");

    const social = await writer.writeDossier(auditInput([], { website: "https://www.facebook.com/harborviewdental", signals: ["WEAK_WEB_PRESENCE"] }));
    expect(social.identified_gaps[0]).toMatchObject({ key: "WEAK_WEB_PRESENCE", source_url: "places:websiteUri" });
    expect(social.summary).toContain("Your only web presence is a page on facebook.com");
    expect(social.auditFailure).toBeUndefined();
  });

  it("is deterministic", async () => {
    const input = auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL });
    expect(await writer.writeDossier(input)).toEqual(await writer.writeDossier(input));
  });
});

describe("describeFitReason", () => {
  it("names only signals the agency solves, heaviest first", () => {
    expect(describeFitReason(["NO_CALL_TO_ACTION", "POOR_SEO", "LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"], ["LOW_GOOGLE_RATING", "NO_CALL_TO_ACTION"])).toBe(
      "Opportunity: a Google rating under 4 stars and no clear way to call or get in touch from the home page.",
    );
  });
});
