import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { runStatusLabel } from "../../lib/labels";
import type { RunDoc } from "../apiTypes";
import { costLabel } from "../lib/usageDisplay";

const RUN_HISTORY_LIMIT = 25;

function runLabel(run: RunDoc): string {
  const when = new Date(run.startedAt).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return `${run.targetVertical} in ${run.targetGeography} · ${when} · ${runStatusLabel(run.workflowStatus)} · ${costLabel(run.usage)}`;
}

/** Pick an earlier run to view again. */
export function RunHistory({ selectedRunId, onSelect }: { selectedRunId?: string; onSelect: (runId: string | undefined) => void }) {
  const runs = useQuery(api.marketing.listRuns, { limit: RUN_HISTORY_LIMIT });
  const known = runs?.some((r) => r._id === selectedRunId) ?? false;
  return (
    <div className="card run-history">
      <label htmlFor="run-history-select" className="card-title">
        Run history
      </label>
      <select
        id="run-history-select"
        data-testid="run-history"
        value={selectedRunId ?? ""}
        disabled={runs === undefined}
        onChange={(e) => onSelect(e.target.value || undefined)}
      >
        <option value="">{runs === undefined ? "Loading runs…" : runs.length === 0 ? "No runs yet" : "Choose a run…"}</option>
        {selectedRunId && !known ? <option value={selectedRunId}>Selected run</option> : null}
        {runs?.map((run) => (
          <option key={run._id} value={run._id}>
            {runLabel(run)}
          </option>
        ))}
      </select>
    </div>
  );
}
