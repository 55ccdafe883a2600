/**
 * Every owner-facing text the heuristic writer produces for the demo dataset:
 * summary, fit reason, talking points and outreach drafts read as plain
 * English (no markup, no signal codes) and drafts carry no placeholders.
 * Each demo place is audited from its rendered demo website (home and up to
 * two inner pages), or from Places data alone when it has no site of its own.
 */
import { describe, expect, it } from "vitest";
import { HeuristicDossierWriter } from "../../../lib/audit/heuristicDossier";
import type { Dossier } from "../../../lib/audit/types";
import { finalizeLead } from "../../../lib/auditPlan";
import { DEMO_AGENCY } from "../../../lib/demoAgency";
import { writeOutreachDrafts } from "../../../lib/outreach/outreachDrafts";
import { detectPlacesSignals, hasCrawlableWebsite } from "../../../lib/placesSignals";
import { draftProblems, jargonProblems, plainTextProblems } from "../../../lib/plainText";
import type { ScrapedPage } from "../../../lib/providers/crawl/types";
import { DEEP_SIGNALS, SIGNALS } from "../../../lib/signals";
import { DEMO_PLACES_PATH, loadDemoPlacesFile, siteKeyForHost } from "../../../server/demoWeb/demoSites";
import { renderPage } from "../../../server/demoWeb/render";
import { buildSiteProfiles, canonicalOrigin } from "../../../server/demoWeb/siteProfile";
import { NOW, scraped } from "./fixtures";

const dataset = loadDemoPlacesFile(DEMO_PLACES_PATH);
const profiles = new Map(buildSiteProfiles(dataset).map((p) => [p.domain, p]));
const writer = new HeuristicDossierWriter(() => NOW);
const criteria = DEMO_AGENCY.leadQualificationCriteria;

/** The pages a crawl of the demo site would give the auditor (special sites fail as they do over HTTP). */
function pagesFor(website: string): ScrapedPage[] {
  const profile = profiles.get(siteKeyForHost(new URL(website).hostname));
  if (!profile) return [];
  const origin = canonicalOrigin(profile);
  if (profile.special === "error500") return [scraped(`${origin}/`, "", { statusCode: 500, error: "HTTP 500 from the server" })];
  if (profile.special === "redirectLoop") return [scraped(`${origin}/`, "", { statusCode: 0, error: "too many redirects" })];
  if (profile.special === "slow") return [scraped(`${origin}/`, "", { statusCode: 0, error: "Timed out after 10000 ms" })];
  const home = renderPage(profile, "home").slice(0, 2_000_000);
  return [
    scraped(`${origin}/`, home, { markdown: "" }),
    ...profile.pages.slice(0, 2).map((p) => scraped(`${origin}${p.path}`, renderPage(profile, p), { markdown: "" })),
  ];
}

interface Written {
  name: string;
  website?: string;
  dossier: Dossier;
  finalFitReason: string;
  drafts: ReturnType<typeof writeOutreachDrafts>;
}

async function writeAll(): Promise<Written[]> {
  const written: Written[] = [];
  for (const place of dataset.places) {
    const signals = detectPlacesSignals(place, criteria);
    const lead = { ...place, targetVertical: place.vertical, targetGeography: place.geography, signals };
    const pages = hasCrawlableWebsite(place.website) ? pagesFor(place.website!) : [];
    const dossier = await writer.writeDossier({ lead, agency: DEMO_AGENCY, pages });
    const confirmed = dossier.auditFailure ? undefined : dossier.confirmedSignals;
    const finalFitReason = finalizeLead(signals, pages.length ? confirmed : undefined, criteria).fit_reason;
    const drafts = writeOutreachDrafts({ lead: { ...lead, reviewsCount: place.reviewsCount }, agency: DEMO_AGENCY, dossier });
    written.push({ name: place.name, website: place.website, dossier, finalFitReason, drafts });
  }
  return written;
}

const CODES = [...SIGNALS, "AUDIT_FAILED", "NO_VIEWPORT"];
/** Words the agency or the business chose (its claims, its name): not jargon the writer added. */
const ownWords = (businessName: string) => [DEMO_AGENCY.name, businessName, ...DEMO_AGENCY.approvedClaims.map((c) => c.text)].join("\n");

describe("the heuristic writer on every demo lead", async () => {
  const all = await writeAll();

  it("covers the whole dataset, audited sites and Places-only leads alike", () => {
    expect(all.length).toBe(dataset.places.length);
    expect(all.filter((w) => w.dossier.confirmedSignals.length > 0).length).toBeGreaterThan(500);
    expect(all.filter((w) => !hasCrawlableWebsite(w.website)).length).toBeGreaterThan(100);
  });

  it("writes summaries, fit reasons and talking points with no markup, no signal codes and no jargon", () => {
    const bad: string[] = [];
    for (const w of all) {
      const texts = [w.dossier.summary, w.dossier.fit_reason, w.finalFitReason, ...w.dossier.talking_points.map((p) => p.text)];
      for (const text of texts) {
        // The jargon check the OpenAI writer's text must pass: the built-in wording it falls back to passes it too.
        const problems = [...plainTextProblems(text), ...jargonProblems(text, ownWords(w.name))];
        if (problems.length || CODES.some((code) => text.includes(code))) bad.push(`${w.name}: ${problems.join(", ")} in "${text}"`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
    expect(all.flatMap((w) => w.dossier.talking_points).length).toBeGreaterThan(1000);
  });

  it("writes email and call drafts with no placeholder or jargon in any of them", () => {
    const bad: string[] = [];
    for (const w of all) {
      for (const [name, text] of Object.entries(w.drafts)) {
        const problems = [...draftProblems(text), ...jargonProblems(text, ownWords(w.name))];
        for (const banned of ["{", "[", "<", "TODO", "undefined", "null"]) if (text.includes(banned)) problems.push(banned);
        if (problems.length) bad.push(`${w.name} ${name}: ${problems.join(", ")}`);
      }
      expect(w.drafts.emailBody).toContain(w.name);
      expect(w.drafts.emailBody).toContain(DEMO_AGENCY.name);
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("pitches a lead with no website with the website claim, never the mobile one", () => {
    const noWebsite = all.filter((w) => w.dossier.identified_gaps.some((g) => g.key === "MISSING_WEBSITE"));
    expect(noWebsite.length).toBeGreaterThan(50);
    for (const w of noWebsite) {
      const claims = w.dossier.talking_points.map((p) => p.approved_claim_id);
      expect(claims, w.name).toContain("claim-website");
      expect(claims, w.name).not.toContain("claim-mobile");
    }
  });

  it("pitches every sold gap a claim answers, says each claim once per report, and names the gaps without a claim", () => {
    for (const w of all) {
      const claims = w.dossier.talking_points.map((p) => p.approved_claim_id);
      expect(new Set(claims).size, w.name).toBe(claims.length);
      const pitched = new Set(w.dossier.talking_points.flatMap((p) => p.gap_keys ?? []));
      const sold = w.dossier.identified_gaps.filter((g) => criteria.includes(g.key as (typeof criteria)[number]));
      for (const gap of sold) {
        expect(pitched.has(gap.key) || w.dossier.unpitchedSignals?.includes(gap.key as (typeof DEEP_SIGNALS)[number]), `${w.name}: ${gap.key}`).toBe(true);
      }
    }
    // The demo agency has no claim for a missing contact email: those leads are told which claim to add.
    expect(all.filter((w) => w.dossier.unpitchedSignals?.includes("NO_CONTACT_EMAIL")).length).toBeGreaterThan(10);
  });
});
