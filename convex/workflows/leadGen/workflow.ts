import { v } from "convex/values";
import { errorMessage } from "../../../lib/errorText";
import { internal } from "../../_generated/api";
import { workflow } from "../manager";

/**
 * The `lead_gen_flow` run (docs/architecture.md §4). The handler only sequences
 * steps: no fetch, clocks or randomness here; every step writes its own phase
 * progress and `lastEvent`, and a failure reaches `handleLeadGenWorkflowComplete`.
 */
export const leadGenWorkflow = workflow.define({
  args: { leadGenFlowId: v.id("lead_gen_flow"), textQuery: v.string() },
  returns: v.null(),
  handler: async (step, { leadGenFlowId, textQuery }): Promise<null> => {
    await step.runMutation(
      internal.workflows.leadGen.steps.beginPhase,
      { leadGenFlowId, phase: "source", message: `Searching Places for "${textQuery}"…` },
      { inline: true },
    );
    const sourced = await step.runAction(internal.workflows.leadGen.placesActions.sourcePlaces, { leadGenFlowId, textQuery });
    if (!sourced.ok) throw new Error(sourced.message);

    // filter_rank, persist_leads and the audit plan: one inline mutation (in the workflow's own transaction),
    // so no scheduling round-trip and one journal entry between sourcing and the audits.
    const auditJobIds = await step.runMutation(internal.workflows.leadGen.steps.qualifySaveAndPlan, { leadGenFlowId }, { inline: true });

    // One durable step per lead audit, run in parallel (bounded by the workpool's maxParallelism),
    // and beside them the Places-based dossiers of the other leads: neither waits for the other.
    const [outcomes, placesDossiers] = await Promise.all([
      Promise.all(
        auditJobIds.map(async (auditJobId) => {
          try {
            return await step.runAction(internal.workflows.audit.actions.runAudit, { auditJobId });
          } catch (error) {
            // Out of retries on one website: that lead keeps its Places score, the run goes on.
            await step.runMutation(internal.workflows.audit.writers.failAuditJob, { auditJobId, error: errorMessage(error) });
            return { ok: true as const };
          }
        }),
      ),
      step.runAction(internal.workflows.audit.actions.writePlacesDossiers, { leadGenFlowId }),
    ]);
    // What the failed steps used before their error, recorded with the failing phase (successful ones recorded their own).
    const failedUsage = [...outcomes, placesDossiers].flatMap((o) => (!o.ok && o.usage ? [o.usage] : []));
    const fatal = outcomes.find((o) => !o.ok);
    if (fatal && !fatal.ok) {
      // Show the failure in the phase where it happened (an LLM key error is "Write dossiers", not "Crawl websites").
      await step.runMutation(
        internal.workflows.leadGen.steps.focusFailedPhase,
        { leadGenFlowId, phase: fatal.phase ?? "scrape_content", usage: failedUsage },
        { inline: true },
      );
      throw new Error(fatal.message);
    }
    if (!placesDossiers.ok) {
      await step.runMutation(
        internal.workflows.leadGen.steps.focusFailedPhase,
        { leadGenFlowId, phase: "generate_dossier", usage: failedUsage },
        { inline: true },
      );
      throw new Error(placesDossiers.message);
    }
    await step.runMutation(internal.workflows.leadGen.steps.completeCrawlsAndFinalize, { leadGenFlowId }, { inline: true });
    return null;
  },
});
