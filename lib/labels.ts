/**
 * The words a user reads for each status family, one table each, shared by the server's messages
 * (convex/model/runs.ts) and the dashboard. The lists themselves are in lib/lifecycle.ts; signal labels are
 * in the signal catalogue (lib/signals.ts); lead-status labels sit beside the lead statuses.
 */
import type { AuditJobStatus, AuditPhaseName, PhaseStatus, RunPhaseName, WorkflowStatus } from "./lifecycle";

/** A run's status (`lead_gen_flow.workflowStatus`). */
export const RUN_STATUS_LABELS: Record<WorkflowStatus, string> = {
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  cancelled: "Cancelled",
};

/** An audit job's status. */
export const AUDIT_JOB_STATUS_LABELS: Record<AuditJobStatus, string> = {
  queued: "Queued",
  running: "Running",
  completed: "Completed",
  error: "Failed",
  cancelled: "Cancelled",
};

/** A run phase's or an audit phase's status. */
export const PHASE_STATUS_LABELS: Record<PhaseStatus, string> = {
  pending: "Waiting",
  running: "Running",
  complete: "Done",
  error: "Failed",
  skipped: "Skipped",
};

/** The run's phases (`RUN_PHASES` has their order and weights). */
export const RUN_PHASE_LABELS: Record<RunPhaseName, string> = {
  source: "Source businesses",
  filter_rank: "Filter & rank",
  persist_leads: "Save leads",
  scrape_content: "Crawl websites",
  generate_dossier: "Write dossiers",
  finalize_rank: "Final ranking",
};

/** An audit job's phases. */
export const AUDIT_PHASE_LABELS: Record<AuditPhaseName, string> = {
  map_urls: "Map pages",
  filter_urls: "Pick pages",
  scrape_content: "Read pages",
  generate_dossier: "Write dossier",
};

/** The label of `value` in `labels`; a value the table does not know is shown as-is rather than hidden. */
export function labelFor<K extends string>(labels: Readonly<Record<K, string>>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}

export const runStatusLabel = (status: string) => labelFor(RUN_STATUS_LABELS, status);
export const auditJobStatusLabel = (status: string) => labelFor(AUDIT_JOB_STATUS_LABELS, status);
export const phaseStatusLabel = (status: string) => labelFor(PHASE_STATUS_LABELS, status);
export const runPhaseLabel = (name: string) => labelFor(RUN_PHASE_LABELS, name);
export const auditPhaseLabel = (name: string) => labelFor(AUDIT_PHASE_LABELS, name);
