import { RUN_PHASE_LABELS } from "../../lib/labels";
import { nextLeadStatus } from "../../lib/leadStatus";
import { runningPhase, settlePhases, startPhase } from "../../lib/runEvents";
import type { RunPhaseName } from "../../lib/lifecycle";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import type { LastEvent } from "../validators";
import { userError } from "./errors";
import { patchLead } from "./leadRows";

export async function requireRun(ctx: QueryCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<Doc<"lead_gen_flow">> {
  const run = await ctx.db.get("lead_gen_flow", leadGenFlowId);
  if (!run) throw userError({ code: "RUN_NOT_FOUND", message: "That run does not exist." });
  return run;
}

/**
 * The run a workflow step may still write to, or null once it was cancelled,
 * failed or interrupted: a step that finishes after a cancel changes nothing.
 */
export async function getActiveRun(ctx: QueryCtx, leadGenFlowId: Id<"lead_gen_flow">): Promise<Doc<"lead_gen_flow"> | null> {
  const run = await ctx.db.get("lead_gen_flow", leadGenFlowId);
  return run && run.workflowStatus === "running" ? run : null;
}

export function event(type: LastEvent["type"], message: string, phase?: RunPhaseName): LastEvent {
  return { type, message, phase, at: Date.now() };
}

/**
 * End a run that did not complete: phases settled, `lastEvent` and `error`
 * written, leads and audit jobs caught mid-step put back in a known status.
 */
export async function settleRun(ctx: MutationCtx, run: Doc<"lead_gen_flow">, outcome: "failed" | "cancelled", reason: string): Promise<void> {
  const now = Date.now();
  const phase = runningPhase(run.phases);
  const message =
    outcome === "failed"
      ? `${phase ? `${RUN_PHASE_LABELS[phase]} failed: ` : "Run failed: "}${reason}`
      : `Run cancelled${phase ? ` during ${RUN_PHASE_LABELS[phase].toLowerCase()}` : ""}.`;
  await ctx.db.patch("lead_gen_flow", run._id, {
    workflowStatus: outcome,
    phases: settlePhases(run.phases, outcome, reason, now),
    error: outcome === "failed" ? reason : undefined,
    lastEvent: { type: outcome, phase, message, at: now },
    completedAt: now,
  });
  const leads = await ctx.db
    .query("client_opportunities")
    .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", run._id))
    .collect();
  for (const lead of leads) {
    const status = nextLeadStatus(lead.status, { kind: "run_stopped" });
    if (status !== lead.status) await patchLead(ctx, lead, { status });
  }
  const jobs = await ctx.db
    .query("audit_jobs")
    .withIndex("by_leadGenFlowId", (q) => q.eq("leadGenFlowId", run._id))
    .collect();
  for (const job of jobs) {
    if (job.status === "queued" || job.status === "running") {
      await ctx.db.patch("audit_jobs", job._id, {
        status: outcome === "cancelled" ? "cancelled" : "error",
        error: outcome === "cancelled" ? "Cancelled" : `Run failed: ${reason}`,
        phases: settlePhases(job.phases, outcome, reason, now),
        completedAt: now,
      });
    }
  }
}

/** Start a run phase if it has not started yet (several audits may ask at once). */
export async function ensurePhaseStarted(ctx: MutationCtx, leadGenFlowId: Id<"lead_gen_flow">, phase: RunPhaseName, message: string) {
  const run = await getActiveRun(ctx, leadGenFlowId);
  if (!run || run.phases.find((p) => p.name === phase)?.status !== "pending") return;
  await ctx.db.patch("lead_gen_flow", run._id, {
    phases: startPhase(run.phases, phase, Date.now()),
    lastEvent: event("phase_started", message, phase),
  });
}
