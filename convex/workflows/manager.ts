import { WorkflowManager } from "@convex-dev/workflow";
import { components } from "../_generated/api";

/** Retry policy for workflow actions: exponential backoff with jitter (workpool's). */
export const ACTION_RETRY = { maxAttempts: 4, initialBackoffMs: 1_000, base: 2 };

/** The one WorkflowManager for the `workflow` component, imported everywhere. */
export const workflow = new WorkflowManager(components.workflow, {
  workpoolOptions: {
    maxParallelism: 10,
    retryActionsByDefault: true,
    defaultRetryBehavior: ACTION_RETRY,
  },
});
