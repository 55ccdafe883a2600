import { describe, expect, it } from "vitest";
import { auditJobStatusLabel, auditPhaseLabel, phaseStatusLabel, runPhaseLabel, runStatusLabel } from "../../lib/labels";
import { AUDIT_JOB_STATUSES, AUDIT_PHASES, PHASE_STATUSES, RUN_PHASE_NAMES, WORKFLOW_STATUSES } from "../../lib/lifecycle";

describe("status labels", () => {
  it("gives every status and phase of each family a word of its own", () => {
    for (const [values, label] of [
      [WORKFLOW_STATUSES, runStatusLabel],
      [AUDIT_JOB_STATUSES, auditJobStatusLabel],
      [PHASE_STATUSES, phaseStatusLabel],
      [RUN_PHASE_NAMES, runPhaseLabel],
      [AUDIT_PHASES, auditPhaseLabel],
    ] as const) {
      const words = values.map((v: string) => label(v));
      for (const [i, word] of words.entries()) expect(word).not.toBe(values[i]);
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it("reads a failed audit job as Failed, and shows a value it does not know as-is", () => {
    expect(auditJobStatusLabel("error")).toBe("Failed");
    expect(runStatusLabel("paused")).toBe("paused");
    expect(runPhaseLabel("toString")).toBe("toString");
  });
});
