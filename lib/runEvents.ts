import type { PhaseStatus } from "./lifecycle";

/** A run phase or an audit phase. */
export interface PhaseLike {
  name: string;
  status: PhaseStatus;
  startedAt?: number;
  completedAt?: number;
  error?: string;
  attempts?: number;
}

/** Pure phase-list transitions; the Convex layer stores what these return. */

export function startPhase<P extends PhaseLike>(phases: readonly P[], name: P["name"], now: number): P[] {
  return phases.map((p) =>
    p.name === name ? { ...p, status: "running", startedAt: p.startedAt ?? now, completedAt: undefined, error: undefined, attempts: (p.attempts ?? 0) + 1 } : p,
  );
}

export function completePhase<P extends PhaseLike>(phases: readonly P[], name: P["name"], now: number, status: "complete" | "skipped" = "complete"): P[] {
  return phases.map((p) => (p.name === name ? { ...p, status, startedAt: p.startedAt ?? now, completedAt: now } : p));
}

/**
 * A run that ends early: the running phase records the error (or is skipped on
 * cancel), phases that never started are skipped, so nothing is left "running".
 */
export function settlePhases<P extends PhaseLike>(phases: readonly P[], outcome: "failed" | "cancelled", error: string | undefined, now: number): P[] {
  return skipPendingPhases(
    phases.map((p) => {
      if (p.status !== "running") return p;
      return outcome === "failed"
        ? { ...p, status: "error", error: error ?? "Failed", completedAt: now }
        : { ...p, status: "skipped", error: "Cancelled", completedAt: now };
    }),
  );
}

/** Phases that never started are skipped (a finished run or audit leaves nothing pending). */
export function skipPendingPhases<P extends PhaseLike>(phases: readonly P[]): P[] {
  return phases.map((p) => (p.status === "pending" ? { ...p, status: "skipped" } : p));
}

/**
 * `name` failed with `error`; the phases after it are skipped, except those in `keep` (an audit still
 * writes its dossier after a crawl phase fails).
 */
export function failPhase<P extends PhaseLike>(phases: readonly P[], name: P["name"], error: string, now: number, keep: readonly P["name"][] = []): P[] {
  const at = phases.findIndex((p) => p.name === name);
  return phases.map((p, i) =>
    i === at
      ? { ...p, status: "error", error, startedAt: p.startedAt ?? now, completedAt: now }
      : i > at && !keep.includes(p.name)
        ? { ...p, status: "skipped" }
        : p,
  );
}

export function runningPhase<P extends PhaseLike>(phases: readonly P[]): P["name"] | undefined {
  return phases.find((p) => p.status === "running")?.name;
}
