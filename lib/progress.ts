import { PAST_PHASE_STATUSES, RUN_PHASES, type OpportunityStatus, type PhaseState } from "./lifecycle";

export interface RunProgress {
  /** 0–100, rounded down so a run never shows 100 before it is done. */
  percent: number;
  currentPhase?: PhaseState["name"];
  /** Leads past the running phase, when that phase works per lead. */
  leadsDone?: number;
  leadsTotal?: number;
}

/**
 * Progress of a run: weights of finished (complete or skipped) phases, plus for
 * the running phase the fraction of the run's opportunities already past it.
 */
export function computeProgress(
  phases: readonly PhaseState[],
  opportunityStatuses: readonly OpportunityStatus[],
  /** A run that failed or was cancelled: its skipped phases never ran, so they do not count as done. */
  endedEarly = false,
): RunProgress {
  let percent = 0;
  let currentPhase: PhaseState["name"] | undefined;
  let leadsDone: number | undefined;
  let leadsTotal: number | undefined;
  for (const def of RUN_PHASES) {
    const state = phases.find((p) => p.name === def.name);
    if (!state) continue;
    if (state.status === "complete" || (state.status === "skipped" && !endedEarly)) {
      percent += def.weight;
    } else if (state.status === "running") {
      currentPhase = def.name;
      const past = PAST_PHASE_STATUSES[def.name];
      if (past && opportunityStatuses.length > 0) {
        leadsTotal = opportunityStatuses.length;
        leadsDone = opportunityStatuses.filter((s) => past.includes(s)).length;
        percent += (def.weight * leadsDone) / leadsTotal;
      }
    }
  }
  const allDone = !endedEarly && phases.length > 0 && phases.every((p) => p.status === "complete" || p.status === "skipped");
  return {
    percent: allDone ? 100 : Math.min(99, Math.floor(percent)),
    currentPhase,
    leadsDone,
    leadsTotal,
  };
}
