import { WorkflowManager } from "@convex-dev/workflow";
import { components } from "../_generated/api";

/** Retry policy for workflow actions: exponential backoff with jitter (workpool's). */
export const ACTION_RETRY = { maxAttempts: 4, initialBackoffMs: 1_000, base: 2 };

/** The one WorkflowManager for the `workflow` component, imported everywhere. */
export const workflow = new WorkflowManager(components.workflow, {
  workpoolOptions: {
    // A run's 10 deep audits plus its Places-only dossier step, with room for an on-demand re-audit.
    maxParallelism: 12,
    retryActionsByDefault: true,
    defaultRetryBehavior: ACTION_RETRY,
  },
});
