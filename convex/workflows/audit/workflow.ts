import { v } from "convex/values";
import { internal } from "../../_generated/api";
import { workflow } from "../manager";

/**
 * An on-demand re-audit ("Re-run audit"): the same one-step audit a run uses,
 * on the same durable path (workpool retries, then onComplete), so any
 * failure, including Convex's action time limit, settles the job
 * (`audits.handleReauditComplete`) and nothing blocks later re-audits.
 */
export const reauditWorkflow = workflow.define({
  args: { auditJobId: v.id("audit_jobs") },
  returns: v.null(),
  handler: async (step, { auditJobId }): Promise<null> => {
    const outcome = await step.runAction(internal.workflows.audit.actions.runAudit, { auditJobId });
    if (!outcome.ok) {
      // What it used before the configuration error still counts toward the month.
      if (outcome.usage)
        await step.runMutation(internal.workflows.audit.writers.recordFailedAuditUsage, { auditJobId, usage: outcome.usage }, { inline: true });
      throw new Error(outcome.message);
    }
    return null;
  },
});
