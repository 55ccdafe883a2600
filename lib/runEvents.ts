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
    p.name === name
      ? { ...p, status: "running", startedAt: p.startedAt ?? now, completedAt: undefined, error: undefined, attempts: (p.attempts ?? 0) + 1 }
      : p,
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
  return phases.map((p) => {
    if (p.status === "running") {
      return outcome === "failed"
        ? { ...p, status: "error", error: error ?? "Failed", completedAt: now }
        : { ...p, status: "skipped", error: "Cancelled", completedAt: now };
    }
    if (p.status === "pending") return { ...p, status: "skipped" };
    return p;
  });
}

export function runningPhase<P extends PhaseLike>(phases: readonly P[]): P["name"] | undefined {
  return phases.find((p) => p.status === "running")?.name;
}
