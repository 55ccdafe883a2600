import { useQuery } from "convex/react";
import { api } from "../../convex/_generated/api";
import { type AgencyProfile, asRunId } from "../apiTypes";
import { OpportunitiesTable } from "./OpportunitiesTable";
import { EmptyState, QueryErrorBoundary } from "./QueryStates";
import { RunView } from "./RunView";

export function RunTab({
  runId,
  agency,
  selectedOpp,
  onOpen,
  onClearRun,
}: {
  runId?: string;
  agency: AgencyProfile;
  selectedOpp?: string;
  onOpen: (id: string) => void;
  onClearRun: () => void;
}) {
  if (!runId) {
    return (
      <EmptyState title="No run selected">
        <p>Start a run with “Find Qualified Clients”, or pick an earlier one from the run history.</p>
      </EmptyState>
    );
  }
  return (
    <QueryErrorBoundary
      what="this run"
      key={runId}
      hint="The link may be mistyped or from another deployment."
      action={{ label: "Clear selection", onClick: onClearRun }}
    >
      <RunView jobId={asRunId(runId)} />
      <RunOpportunities runId={runId} agency={agency} selectedOpp={selectedOpp} onOpen={onOpen} />
    </QueryErrorBoundary>
  );
}

function RunOpportunities({
  runId,
  agency,
  selectedOpp,
  onOpen,
}: {
  runId: string;
  agency: AgencyProfile;
  selectedOpp?: string;
  onOpen: (id: string) => void;
}) {
  const jobId = asRunId(runId);
  const rows = useQuery(api.opportunities.listByRun, { jobId });
  const details = useQuery(api.marketing.getRun, { jobId });
  const status = details?.run.workflowStatus;
  const running = status === "running";
  // Empty states fit the case: a cancelled or failed run never says "try a broader search".
  const emptyBody = running
    ? "Leads appear here as soon as the run saves them."
    : status === "cancelled"
      ? "The run was cancelled before it saved any leads."
      : status === "failed"
        ? "The run failed before it saved any leads; see the error above."
        : (details?.run.shortfall ?? "Try a broader vertical or geography.");
  return (
    <OpportunitiesTable
      caption="Opportunities in this run"
      rows={rows}
      criteria={agency.leadQualificationCriteria}
      selectedId={selectedOpp}
      onOpen={onOpen}
      emptyTitle={running ? "No leads saved yet" : "This run saved no leads"}
      emptyBody={emptyBody}
      exportVertical={details?.run.targetVertical}
      exportGeography={details?.run.targetGeography}
    />
  );
}
