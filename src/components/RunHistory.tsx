import { useMutation, useQuery } from "convex/react";
import { useState } from "react";
import { api } from "../../convex/_generated/api";
import { runStatusLabel } from "../../lib/labels";
import type { RunDoc } from "../apiTypes";
import { costLabel } from "../lib/usageDisplay";
import { useMutationState } from "../hooks/useMutationState";
import { ConfirmDialog } from "./Dialog";

const RUN_HISTORY_LIMIT = 25;

function when(startedAt: number): string {
  return new Date(startedAt).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** Leads the run delivered, in words ("8 leads", "leads deleted", "—" while it has not saved any yet). */
function delivered(run: RunDoc): string {
  if (run.leadsDeletedAt !== undefined) return "leads deleted";
  if (run.numLeadsPersisted === undefined) return run.workflowStatus === "running" ? "running…" : "no leads";
  return `${run.numLeadsPersisted} lead${run.numLeadsPersisted === 1 ? "" : "s"}`;
}

/** The agency's runs, newest first: date, campaign, leads delivered, status; open one, or delete its leads. */
export function RunHistory({ selectedRunId, onSelect }: { selectedRunId?: string; onSelect: (runId: string | undefined) => void }) {
  const runs = useQuery(api.marketing.listRuns, { limit: RUN_HISTORY_LIMIT });
  const [deleting, setDeleting] = useState<RunDoc>();
  return (
    <section className="card run-history" aria-labelledby="run-history-title">
      <h2 id="run-history-title" className="card-title">
        Run history
      </h2>
      {runs === undefined ? <p className="muted small">Loading runs…</p> : runs.length === 0 ? <p className="muted small">No runs yet.</p> : null}
      <ol className="run-list" data-testid="run-history" data-loaded={runs === undefined ? undefined : "true"}>
        {runs?.map((run) => (
          <li key={run._id} className={run._id === selectedRunId ? "run-item run-item-selected" : "run-item"}>
            <button
              type="button"
              className="run-item-open"
              data-testid="run-history-item"
              data-run-id={run._id}
              aria-current={run._id === selectedRunId ? "true" : undefined}
              onClick={() => onSelect(run._id)}
            >
              <span className="run-item-campaign">
                {run.targetVertical} in {run.targetGeography}
              </span>
              <span className="run-item-meta small">
                <time dateTime={new Date(run.startedAt).toISOString()}>{when(run.startedAt)}</time> · <span data-testid="run-delivered">{delivered(run)}</span>{" "}
                · <span className={`run-item-status status-${run.workflowStatus}`}>{runStatusLabel(run.workflowStatus)}</span> ·{" "}
                <span data-testid="run-cost">{costLabel(run.usage)}</span>
              </span>
            </button>
            {run.workflowStatus !== "running" && run.leadsDeletedAt === undefined && (run.numLeadsPersisted ?? 0) > 0 ? (
              <button
                type="button"
                className="button button-ghost run-item-delete"
                aria-label={`Delete the leads of ${run.targetVertical} in ${run.targetGeography}`}
                data-testid="delete-run-leads"
                onClick={() => setDeleting(run)}
              >
                Delete
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      {deleting ? <DeleteRunLeads run={deleting} onClose={() => setDeleting(undefined)} /> : null}
    </section>
  );
}

function DeleteRunLeads({ run, onClose }: { run: RunDoc; onClose: () => void }) {
  const deleteRunLeads = useMutation(api.opportunities.deleteRunLeads);
  const { busy, error, run: call } = useMutationState<"delete">();
  async function onConfirm() {
    if ((await call("delete", () => deleteRunLeads({ jobId: run._id }))) !== undefined) onClose();
  }
  return (
    <ConfirmDialog
      title={`Delete the leads of this run?`}
      confirmLabel={`Delete ${delivered(run)}`}
      busy={busy !== undefined}
      error={error}
      onConfirm={() => void onConfirm()}
      onClose={onClose}
    >
      <p>
        {run.targetVertical} in {run.targetGeography}, {when(run.startedAt)}: its {delivered(run)} go with their audits, dossiers, crawled pages and notes. The
        run stays in the history. This cannot be undone; a later run may find these businesses again.
      </p>
    </ConfirmDialog>
  );
}
