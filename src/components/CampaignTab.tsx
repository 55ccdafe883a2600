import { useConvex, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { AgencyProfile } from "../apiTypes";
import { CampaignFilters } from "./CampaignFilters";
import { OpportunitiesTable } from "./OpportunitiesTable";
import { QueryErrorBoundary } from "./QueryStates";

interface CampaignProps {
  agency: AgencyProfile;
  vertical?: string;
  geography?: string;
  selectedOpp?: string;
  onOpen: (id: string) => void;
  onFilter: (patch: { vertical?: string; geography?: string }) => void;
}

export function CampaignTab(props: CampaignProps) {
  return (
    <QueryErrorBoundary what="campaign opportunities" key={`${props.vertical ?? ""}|${props.geography ?? ""}`}>
      <CampaignFilters vertical={props.vertical} geography={props.geography} onChange={props.onFilter} />
      <CampaignOpportunities {...props} />
    </QueryErrorBoundary>
  );
}

/** Leads listed per page of this size; "Load more" adds another. */
const CAMPAIGN_PAGE_SIZE = 50;
/** Rows per request when the CSV export reads every page of the filter. */
const EXPORT_PAGE_SIZE = 500;

function CampaignOpportunities({ agency, vertical, geography, selectedOpp, onOpen }: CampaignProps) {
  const filter = {
    ...(vertical ? { targetVertical: vertical } : {}),
    ...(geography ? { targetGeography: geography } : {}),
  };
  const { results, status, loadMore } = usePaginatedQuery(api.opportunities.listByCampaignPage, filter, { initialNumItems: CAMPAIGN_PAGE_SIZE });
  const total = useQuery(api.opportunities.countByCampaign, filter);
  const convex = useConvex();
  const filtered = Boolean(vertical || geography);
  async function loadAll() {
    const rows = [];
    let cursor: string | null = null;
    for (;;) {
      const page: FunctionReturnType<typeof api.opportunities.listByCampaignPage> = await convex.query(api.opportunities.listByCampaignPage, {
        ...filter,
        paginationOpts: { numItems: EXPORT_PAGE_SIZE, cursor },
      });
      rows.push(...page.page);
      if (page.isDone) return rows;
      cursor = page.continueCursor;
    }
  }
  return (
    <OpportunitiesTable
      caption="All campaigns"
      rows={status === "LoadingFirstPage" ? undefined : results}
      total={total}
      exportAll={loadAll}
      criteria={agency.leadQualificationCriteria}
      selectedId={selectedOpp}
      onOpen={onOpen}
      showCampaign
      emptyTitle={filtered ? "No opportunities match these filters" : "No opportunities yet"}
      emptyBody={filtered ? "Clear a filter to see more." : "Start a run to find your first qualified clients."}
      exportVertical={vertical}
      exportGeography={geography}
      footer={
        status === "CanLoadMore" || status === "LoadingMore" ? (
          <div className="toolbar">
            <span className="muted small" data-testid="loaded-count">
              Showing {results.length}
              {total !== undefined ? ` of ${total}` : ""}
            </span>
            <button type="button" className="button" data-testid="load-more" disabled={status === "LoadingMore"} onClick={() => loadMore(CAMPAIGN_PAGE_SIZE)}>
              {status === "LoadingMore" ? "Loading…" : "Load more"}
            </button>
          </div>
        ) : null
      }
    />
  );
}
