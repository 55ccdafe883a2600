import { describe, expect, it } from "vitest";
import { initialPhases, RUN_PHASES, type PhaseState } from "../../lib/lifecycle";
import { computeProgress } from "../../lib/progress";
import { completePhase, settlePhases, startPhase } from "../../lib/runEvents";

const weight = (name: string) => RUN_PHASES.find((p) => p.name === name)!.weight;

function through(...names: PhaseState["name"][]): PhaseState[] {
  let phases = initialPhases();
  for (const name of names) phases = completePhase(startPhase(phases, name, 1), name, 2);
  return phases;
}

describe("run progress", () => {
  it("is 0 before anything runs and 100 only when every phase is done", () => {
    expect(computeProgress(initialPhases(), []).percent).toBe(0);
    const done = through("source", "filter_rank", "persist_leads", "scrape_content", "generate_dossier", "finalize_rank");
    expect(computeProgress(done, []).percent).toBe(100);
  });

  it("adds the fraction of leads past the running per-lead phase", () => {
    const phases = startPhase(through("source", "filter_rank", "persist_leads"), "scrape_content", 3);
    const base = weight("source") + weight("filter_rank") + weight("persist_leads");
    expect(computeProgress(phases, ["SOURCED", "SCRAPING", "DATA_READY", "READY"])).toMatchObject({
      percent: base + weight("scrape_content") / 2,
      currentPhase: "scrape_content",
      leadsDone: 2,
      leadsTotal: 4,
    });
  });

  it("never shows 100 while a phase is still running", () => {
    const phases = startPhase(through("source", "filter_rank", "persist_leads", "scrape_content", "generate_dossier"), "finalize_rank", 3);
    expect(computeProgress(phases, ["READY"]).percent).toBe(100 - weight("finalize_rank"));
  });

  it("does not count the phases a failed or cancelled run skipped", () => {
    const failed = settlePhases(startPhase(initialPhases(), "source", 1), "failed", "boom", 2);
    expect(failed.map((p) => p.status)).toEqual(["error", "skipped", "skipped", "skipped", "skipped", "skipped"]);
    expect(computeProgress(failed, [], true).percent).toBe(0);
    const cancelled = settlePhases(startPhase(through("source"), "filter_rank", 3), "cancelled", undefined, 4);
    expect(computeProgress(cancelled, [], true).percent).toBe(weight("source"));
  });
});
