import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { LEAD_STATUS_LABELS } from "../../lib/leadStatus";
import { PIPELINE_STATUSES, type OpportunityStatus, type PipelineStatus } from "../../lib/lifecycle";

/**
 * The agency's pipeline at a glance: leads not in the pipeline yet, then per status (kept counters on the
 * server, no lead read). A status opens the lead table filtered to it.
 */
export function PipelineBar({ active, onSelect }: { active?: OpportunityStatus; onSelect: (status: PipelineStatus | undefined) => void }) {
  const summary = useQuery(api.opportunities.pipelineSummary);
  if (!summary || summary.total === 0) return null;
  return (
    <nav className="pipeline-bar" aria-label="Pipeline" data-testid="pipeline-bar">
      <span className="pipeline-stage" data-testid="pipeline-new">
        <span className="pipeline-count">{summary.notInPipeline}</span> New
      </span>
      {PIPELINE_STATUSES.map((status) => (
        <button
          key={status}
          type="button"
          className={active === status ? "pipeline-stage pipeline-stage-active" : "pipeline-stage"}
          aria-pressed={active === status}
          data-testid={`pipeline-${status}`}
          data-count={summary.counts[status]}
          onClick={() => onSelect(active === status ? undefined : status)}
        >
          <span className="pipeline-count">{summary.counts[status]}</span> {LEAD_STATUS_LABELS[status]}
        </button>
      ))}
    </nav>
  );
}
