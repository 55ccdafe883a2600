import { useConvex, usePaginatedQuery, useQuery } from "convex/react";
import { useEffect } from "react";
import type { FunctionArgs, FunctionReturnType } from "convex/server";
import { api } from "../../convex/_generated/api";
import { defaultSortOrder, type LeadSort } from "../../lib/leadSearch";
import { isPipelineStatus } from "../../lib/leadStatus";
import type { AgencyProfile } from "../apiTypes";
import { CampaignFilters, type LeadFilters } from "./CampaignFilters";
import { OpportunitiesTable } from "./OpportunitiesTable";
import { QueryErrorBoundary } from "./QueryStates";

interface CampaignProps {
  agency: AgencyProfile;
  filters: LeadFilters;
  sort?: LeadSort;
  order?: "asc" | "desc";
  selectedOpp?: string;
  onOpen: (id: string) => void;
  /** Filter or sort changes (kept in the URL). */
  onChange: (patch: LeadFilters & { sort?: LeadSort; order?: "asc" | "desc" }) => void;
}

/** Every lead of the agency, sorted, searched and filtered on the server. */
export function CampaignTab(props: CampaignProps) {
  const { filters } = props;
  return (
    // Reset on a campaign change only: a remount on every filter would drop the search box's pending text.
    <QueryErrorBoundary what="campaign opportunities" key={`${filters.vertical ?? ""}|${filters.geography ?? ""}`}>
      <CampaignOpportunities {...props} />
    </QueryErrorBoundary>
  );
}

/** Leads listed per page of this size; "Load more" adds another. */
const CAMPAIGN_PAGE_SIZE = 50;
/** Rows per request when the CSV export reads every page of the filter. */
const EXPORT_PAGE_SIZE = 500;

type ListArgs = Omit<FunctionArgs<typeof api.opportunities.listLeads>, "paginationOpts">;

function CampaignOpportunities({ agency, filters, sort, order, selectedOpp, onOpen, onChange }: CampaignProps) {
  const { vertical, geography, q, status, signal } = filters;
  const args: ListArgs = {
    ...(vertical ? { targetVertical: vertical } : {}),
    ...(geography ? { targetGeography: geography } : {}),
    ...(q ? { search: q } : {}),
    ...(status ? { status } : {}),
    ...(signal ? { signal } : {}),
    ...(sort ? { sort } : {}),
    ...(order ? { order } : {}),
  };
  const { results, status: pageStatus, loadMore } = usePaginatedQuery(api.opportunities.listLeads, args, { initialNumItems: CAMPAIGN_PAGE_SIZE });
  // True totals come from kept counters: per campaign (no other filter), or per pipeline status (a pipeline
  // status alone). Other filters have no counter: the count shows what is loaded, "N+" while more can load.
  const narrowed = Boolean(q || status || signal);
  const campaignTotal = useQuery(api.opportunities.countByCampaign, narrowed ? "skip" : { targetVertical: vertical, targetGeography: geography });
  const pipelineStatus = status && !q && !signal && !vertical && !geography && isPipelineStatus(status) ? status : undefined;
  const pipeline = useQuery(api.opportunities.pipelineSummary, pipelineStatus ? {} : "skip");
  const total = narrowed ? (pipelineStatus ? pipeline?.counts[pipelineStatus] : undefined) : campaignTotal;
  const convex = useConvex();
  const filtered = Boolean(vertical || geography || narrowed);
  async function loadAll() {
    const rows = [];
    let cursor: string | null = null;
    for (;;) {
      const page: FunctionReturnType<typeof api.opportunities.listLeads> = await convex.query(api.opportunities.listLeads, {
        ...args,
        paginationOpts: { numItems: EXPORT_PAGE_SIZE, cursor },
      });
      rows.push(...page.page);
      if (page.isDone) return rows;
      cursor = page.continueCursor;
    }
  }
  const canLoadMore = pageStatus === "CanLoadMore" || pageStatus === "LoadingMore";
  // A page with no row while more can load (a filter the database applies over a long index range may answer
  // short pages): keep loading rather than say "nothing matches".
  const emptySoFar = results.length === 0 && canLoadMore;
  useEffect(() => {
    if (emptySoFar && pageStatus === "CanLoadMore") loadMore(CAMPAIGN_PAGE_SIZE);
  }, [emptySoFar, pageStatus, loadMore]);
  return (
    <OpportunitiesTable
      caption="All campaigns"
      rows={pageStatus === "LoadingFirstPage" || emptySoFar ? undefined : results}
      total={total}
      more={canLoadMore}
      exportAll={loadAll}
      criteria={agency.leadQualificationCriteria}
      selectedId={selectedOpp}
      onOpen={onOpen}
      showCampaign
      splitNotAFit={false}
      sort={q ? undefined : { sort: sort ?? "score", order: order ?? defaultSortOrder(sort ?? "score") }}
      onSort={(next) => onChange(next)}
      toolbar={
        <>
          <CampaignFilters filters={filters} onChange={onChange} />
          {q ? <p className="muted small">Search results, best match first (click a column to sort after clearing the search).</p> : null}
        </>
      }
      emptyTitle={filtered ? "No opportunities match these filters" : "No opportunities yet"}
      emptyBody={filtered ? "Clear a filter or the search to see more." : "Start a run to find your first qualified clients."}
      exportVertical={vertical}
      exportGeography={geography}
      footer={
        canLoadMore && !emptySoFar ? (
          <div className="toolbar">
            <span className="muted small" data-testid="loaded-count">
              Showing {results.length}
              {total !== undefined ? ` of ${total}` : " so far"}
            </span>
            <button
              type="button"
              className="button"
              data-testid="load-more"
              disabled={pageStatus === "LoadingMore"}
              onClick={() => loadMore(CAMPAIGN_PAGE_SIZE)}
            >
              {pageStatus === "LoadingMore" ? "Loading…" : "Load more"}
            </button>
          </div>
        ) : null
      }
    />
  );
}
