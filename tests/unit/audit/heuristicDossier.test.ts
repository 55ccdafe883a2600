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
    expect(dossier.summary).toBe(
      "Bob's Plumbing (plumbers, Springfield) has a 3.4★ Google rating from 27 reviews. We audited 1 page of www.bobsplumbing.example and found 6 issues: " +
        "website not mobile-friendly, no clear call-to-action on website, no HTTPS on website, weak on-page SEO, no online booking, outdated website. Contact email: bob@bobsplumbing.example.",
    );
    expect(dossier.identified_gaps[0]).toEqual({ key: "LOW_GOOGLE_RATING", value: "Google rating is 3.4★ from 27 reviews (below 4.0).", source_url: "places:rating" });
    expect(dossier.identified_gaps.slice(1).map((g) => [g.key, g.source_url])).toEqual([
      ["WEBSITE_NOT_MOBILE_FRIENDLY", OLD_URL],
      ["NO_CALL_TO_ACTION", OLD_URL],
      ["NO_SSL", OLD_URL],
      ["POOR_SEO", OLD_URL],
      ["NO_ONLINE_BOOKING", OLD_URL],
      ["OUTDATED_WEBSITE", OLD_URL],
    ]);
    expect(dossier.confirmedSignals).toEqual(["WEBSITE_NOT_MOBILE_FRIENDLY", "NO_CALL_TO_ACTION", "NO_SSL", "POOR_SEO", "NO_ONLINE_BOOKING", "OUTDATED_WEBSITE"]);
    expect(dossier.email).toBe("bob@bobsplumbing.example");
    // LOW_GOOGLE_RATING (30) and WEBSITE_NOT_MOBILE_FRIENDLY (25) are the heaviest signals this agency solves.
    expect(dossier.fit_reason).toBe("Opportunity: low Google rating & website not mobile-friendly.");
  });

  it("ties each talking point to an approved claim that matches a confirmed gap", async () => {
    const input = auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL, rating: 3.4, reviewsCount: 27, signals: ["LOW_GOOGLE_RATING"] });
    const dossier = await writer.writeDossier(input);
    const byClaim = Object.fromEntries(dossier.talking_points.map((p) => [p.approved_claim_id, p]));
    expect(Object.keys(byClaim).sort()).toEqual(["claim-booking", "claim-mobile", "claim-reviews", "claim-ssl"]);
    expect(byClaim["claim-reviews"]).toMatchObject({ source_url: "places:rating" });
    expect(byClaim["claim-reviews"].text).toContain("3.4★");
    expect(byClaim["claim-mobile"].text).toContain("not mobile-friendly");
    expect(byClaim["claim-mobile"].text).toContain(AGENCY.approvedClaims[0].text);
    expect(byClaim["claim-booking"].source_url).toBe(OLD_URL);
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
    expect(dossier.summary).toContain("found no major issues. Contact email: info@harborviewdental.example.");
    expect(dossier.fit_reason).toBe("No confirmed problem matches the agency's qualification criteria.");
  });

  it("marks AUDIT_FAILED when the home page could not be fetched, keeping Places-based gaps", async () => {
    const home = scraped("https://www.harborviewdental.example/", "", { statusCode: 0, error: "timeout after 10000 ms" });
    const dossier = await writer.writeDossier(auditInput([home], { rating: 3.1, reviewsCount: 40, signals: ["LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"] }));
    expect(dossier.summary.startsWith("AUDIT_FAILED: the website could not be audited (timeout after 10000 ms).")).toBe(true);
    // A timeout means the site does not answer: WEBSITE_DOWN, with what failed and when.
    expect(dossier.confirmedSignals).toEqual(["WEBSITE_DOWN"]);
    expect(dossier.websiteOutcome).toBe("unreachable");
    expect(dossier.identified_gaps.map((g) => g.key)).toEqual(["LOW_GOOGLE_RATING", "WEBSITE_DOWN"]);
    expect(dossier.identified_gaps[1].value).toMatch(/did not answer in time \(timeout\) \(timeout after 10000 ms\)/);
  });

  it("turns a missing website and a Facebook-only presence into Places gaps", async () => {
    const none = await writer.writeDossier(auditInput([], { website: undefined, signals: ["MISSING_WEBSITE"] }));
    expect(none.identified_gaps).toEqual([{ key: "MISSING_WEBSITE", value: "No website is listed on the Google Business Profile.", source_url: "places:websiteUri" }]);
    expect(none.summary).toContain("no website listed on Google");
    expect(none.fit_reason).toBe("Opportunity: no website.");

    const social = await writer.writeDossier(auditInput([], { website: "https://www.facebook.com/harborviewdental", signals: ["WEAK_WEB_PRESENCE"] }));
    expect(social.identified_gaps[0]).toMatchObject({ key: "WEAK_WEB_PRESENCE", source_url: "places:websiteUri" });
    expect(social.summary).toContain("Its only web presence is www.facebook.com");
    expect(social.summary).not.toContain("AUDIT_FAILED");
  });

  it("is deterministic", async () => {
    const input = auditInput([scraped(OLD_URL, OLD_TABLE_SITE_HOME)], { website: OLD_URL });
    expect(await writer.writeDossier(input)).toEqual(await writer.writeDossier(input));
  });
});

describe("describeFitReason", () => {
  it("names only signals the agency solves, heaviest first", () => {
    expect(describeFitReason(["NO_CALL_TO_ACTION", "POOR_SEO", "LOW_GOOGLE_RATING", "NEEDS_WEB_AUDIT"], ["LOW_GOOGLE_RATING", "NO_CALL_TO_ACTION"])).toBe(
      "Opportunity: low Google rating & no clear call-to-action on website.",
    );
  });
});
