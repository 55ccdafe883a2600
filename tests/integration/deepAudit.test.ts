import type { FunctionReturnType } from "convex/server";
import { describe, expect, it } from "vitest";
import { api } from "../../convex/_generated/api";
import expectedFile from "../../data/demo-sites-expected.json";
import { canonicalDomain } from "../../lib/domains";
import { DEEP_SIGNALS, isDeepSignal } from "../../lib/signals";
import { initConvexTest, setupDemoAgency, waitForRunEnd, type TestConvex, asOwner } from "./convexTestSetup";
import { useDemoWeb } from "./envSetup";
import { once } from "../once";

type Expected = { domain: string; expected: Record<string, boolean>; email?: string; special?: string };
const expectedByDomain = new Map((expectedFile.sites as Expected[]).map((s) => [s.domain, s]));

// Real timers, like `npm run dev`: the crawler's own timeouts and the demo server's delays are real.
useDemoWeb({ sluggishDelayMs: 3_300, slowDelayMs: 7_000 }, { CRAWL_PAGE_TIMEOUT_MS: "5000" });

type Report = NonNullable<FunctionReturnType<typeof api.opportunities.get>>;

async function deepRun(t: TestConvex, targetVertical: string, targetGeography: string) {
  const { jobId } = await asOwner(t).mutation(api.marketing.startLeadGenWorkflow, { numLeads: 20, targetVertical, targetGeography, maxDeepAudits: 20 });
  const view = await waitForRunEnd(t, jobId);
  const leads = await asOwner(t).query(api.opportunities.listByRun, { jobId });
  const reports = await Promise.all(leads.map((l) => asOwner(t).query(api.opportunities.get, { opportunityId: l._id })));
  return { view, leads, reports: reports.map((r) => r!) };
}

/** Each completed audit's confirmed deep signals against the site's recorded expectations. */
function tallyFindings(reports: Report[]) {
  const tally = { tp: 0, fp: 0, fn: 0, sites: 0 };
  for (const { opportunity, auditJob } of reports) {
    const site = expectedByDomain.get(canonicalDomain(opportunity.website) ?? "");
    if (!site || auditJob?.status !== "completed") continue;
    tally.sites += 1;
    for (const signal of DEEP_SIGNALS) {
      const found = opportunity.signals.includes(signal);
      if (found && site.expected[signal]) tally.tp += 1;
      else if (found) tally.fp += 1;
      else if (site.expected[signal]) tally.fn += 1;
    }
  }
  return tally;
}

/** A run's wait is up to 50 s (waitForRunEnd); a test that may start n runs gets n × 50 s and a margin. */
const timeoutForRuns = (runs: number) => runs * 50_000 + 10_000;

describe("deep audit against the demo web server", () => {
  // One backend and agency for the file; each campaign is run once, by whichever test needs it first.
  const backend = once(async () => {
    const t = initConvexTest();
    await setupDemoAgency(t);
    return t;
  });
  const dentists = once(async () => deepRun(await backend(), "dentists", "Seattle, WA"));
  const autoRepair = once(async () => deepRun(await backend(), "auto repair", "Seattle, WA"));
  const roofers = once(async () => deepRun(await backend(), "roofers", "Denver, CO"));

  it("audits every crawlable lead, writes dossiers with evidence, finds emails and re-ranks", { timeout: timeoutForRuns(1) }, async () => {
    const { view, leads, reports } = await dentists();
    expect(view.run.workflowStatus).toBe("completed");
    expect(view.run.phases.map((p) => p.status)).toEqual(["complete", "complete", "complete", "complete", "complete", "complete"]);
    expect(view.progress.percent).toBe(100);
    expect(leads.every((l) => l.status === "READY")).toBe(true);

    for (const { opportunity, dossier, auditJob, pages } of reports) {
      expect(dossier, opportunity.name).not.toBeNull();
      expect(dossier!.summary.length).toBeGreaterThan(20);
      expect(opportunity.fit_reason).toBeTruthy();
      const domain = canonicalDomain(opportunity.website);
      const site = domain ? expectedByDomain.get(domain) : undefined;
      if (!site) {
        // No own website: a Places-based dossier, no audit job, placeholder never left behind.
        expect(auditJob).toBeNull();
        continue;
      }
      expect(auditJob, opportunity.name).not.toBeNull();
      if (site.special === "error500") {
        expect(auditJob!.status).toBe("error");
        // robots.txt answering 5xx means "disallow all" (RFC 9309): nothing on the site is fetched.
        expect(auditJob!.error).toMatch(/500|robots/);
        // The failure is shown on the phase where it happened: mapping the site, not writing the dossier.
        expect(Object.fromEntries(auditJob!.phases.map((p) => [p.name, p.status]))).toEqual({
          map_urls: "error",
          filter_urls: "skipped",
          scrape_content: "skipped",
          generate_dossier: "complete",
        });
        // The summary says it plainly; the technical reason is the audit job's error above.
        expect(dossier!.summary).toMatch(/^We couldn't check your website: it didn't open when we tried it\./);
        // A server answering 500 everywhere is a website that is down, told apart from "no website" and "robots.txt".
        expect(dossier!.websiteOutcome).toBe("unreachable");
        expect(opportunity.signals).toContain("WEBSITE_DOWN");
        expect(opportunity.websiteOutcome).toBe("unreachable");
        continue;
      }
      expect(auditJob!.status, `${opportunity.website}: ${auditJob!.error}`).toBe("completed");
      expect(auditJob!.phases.every((p) => p.status === "complete")).toBe(true);
      expect(pages.length).toBeGreaterThan(1);
      expect(opportunity.signals).not.toContain("NEEDS_WEB_AUDIT");
      // Every deep gap carries a source URL on the lead's own site.
      for (const gap of dossier!.identified_gaps.filter((g) => isDeepSignal(g.key))) {
        expect(canonicalDomain(gap.source_url)).toBe(domain);
      }
      if (site.email) expect(opportunity.email).toBe(site.email);
      else expect(opportunity.email).toBeUndefined();
      // The report shows where the email came from and that the site was audited.
      expect(dossier!.websiteOutcome).toBe("audited");
      if (site.email) expect(dossier!.emailProvenance?.[0]).toMatchObject({ address: site.email, confidence: "high" });
      expect(dossier!.technology).toBeDefined();
    }
    // Re-ranked: the table order follows the final scores.
    const scores = leads.map((l) => l.qualificationScore);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it("a site that times out and an oversized page end their job in error or truncated, and the run completes", { timeout: timeoutForRuns(2) }, async () => {
    const slow = await autoRepair();
    expect(slow.view.run.workflowStatus).toBe("completed");
    const slowLead = slow.reports.find((r) => canonicalDomain(r.opportunity.website) === "capitolhillmotorworks.example")!;
    expect(slowLead.auditJob!.status).toBe("error");
    expect(slowLead.auditJob!.error).toMatch(/time/i);
    expect(slowLead.opportunity.status).toBe("READY");
    // A home page that times out is a website that does not answer: WEBSITE_DOWN replaces the audit placeholder.
    expect(slowLead.opportunity.signals).toContain("WEBSITE_DOWN");
    expect(slowLead.opportunity.signals).not.toContain("NEEDS_WEB_AUDIT");
    expect(slowLead.dossier!.websiteOutcome).toBe("unreachable");

    const big = await roofers();
    expect(big.view.run.workflowStatus).toBe("completed");
    const bigLead = big.reports.find((r) => canonicalDomain(r.opportunity.website) === "alvarezroofing.example")!;
    expect(bigLead.auditJob!.status).toBe("completed");
    expect(bigLead.opportunity.signals).toContain("SLOW_OR_HEAVY_PAGE");
  });

  it("confirms the deep signals each demo site was built to have (precision and recall)", { timeout: timeoutForRuns(3) }, async () => {
    // One after another, as the tests above run them (three at once would be another test).
    const runs = [await dentists(), await autoRepair(), await roofers()];
    const tally = tallyFindings(runs.flatMap((run) => run.reports));
    const precision = tally.tp / Math.max(1, tally.tp + tally.fp);
    const recall = tally.tp / Math.max(1, tally.tp + tally.fn);
    console.log(
      `heuristic auditor on ${tally.sites} demo sites: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${tally.tp}, fp ${tally.fp}, fn ${tally.fn})`,
    );
    expect(tally.sites).toBeGreaterThanOrEqual(20);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });
});
