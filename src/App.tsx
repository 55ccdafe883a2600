import { useAuthActions } from "@convex-dev/auth/react";
import { Authenticated, AuthLoading, Unauthenticated, useConvex, useConvexConnectionState, usePaginatedQuery, useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { type KeyboardEvent, useRef, useState } from "react";
import { api } from "../convex/_generated/api";
import { type AgencyProfile, asOpportunityId, asRunId } from "./apiTypes";
import { AgencySetup } from "./components/AgencySetup";
import { CampaignFilters } from "./components/CampaignFilters";
import { FindClientsForm } from "./components/FindClientsForm";
import { SetupChoice } from "./components/onboarding/SetupChoice";
import { OpportunitiesTable } from "./components/OpportunitiesTable";
import { ProviderBadge } from "./components/ProviderBadge";
import { EmptyState, Loading, QueryErrorBoundary } from "./components/QueryStates";
import { ReportPanel } from "./components/ReportPanel";
import { RunHistory } from "./components/RunHistory";
import { RunView } from "./components/RunView";
import { SignIn } from "./components/SignIn";
import { useDialogFocus } from "./hooks/useDialogFocus";
import { useUrlState } from "./hooks/useUrlState";
import type { DashboardTab } from "./lib/urlState";

export function App() {
  return (
    <div className="app">
      <ConnectionBanner />
      <AuthLoading>
        <Header />
        <main className="page">
          <Loading label="Signing in…" />
        </main>
      </AuthLoading>
      <Unauthenticated>
        <Header />
        <main className="page page-narrow">
          <SignIn />
        </main>
      </Unauthenticated>
      <Authenticated>
        {/* Inside <Authenticated>: a query refused while signing out is dropped with it, never stuck on screen. */}
        <QueryErrorBoundary what="your agency">
          <SignedIn />
        </QueryErrorBoundary>
      </Authenticated>
    </div>
  );
}

/** The signed-in user's agency: set-up on first visit, then the dashboard. */
function SignedIn() {
  const agency = useQuery(api.agency.get);
  return (
    <>
      {agency === undefined ? (
        <>
          <Header signedIn />
          <main className="page">
            <Loading label="Loading your agency…" />
          </main>
        </>
      ) : agency === null ? (
        <>
          <Header signedIn />
          <main className="page page-narrow">
            <SetupChoice />
          </main>
        </>
      ) : (
        <Dashboard agency={agency} />
      )}
    </>
  );
}

function Header({ agency, onEditAgency, signedIn }: { agency?: AgencyProfile; onEditAgency?: () => void; signedIn?: boolean }) {
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">Atlas Outbound</span>
      </div>
      {agency ? (
        <div className="header-agency">
          <ProviderBadge />
          <span className="muted">{agency.name}</span>
          <button type="button" className="button button-ghost" onClick={onEditAgency}>
            Edit agency
          </button>
          <SignOutButton />
        </div>
      ) : signedIn ? (
        <div className="header-agency">
          <ProviderBadge />
          <SignOutButton />
        </div>
      ) : null}
    </header>
  );
}

function SignOutButton() {
  const { signOut } = useAuthActions();
  return (
    <button type="button" className="button button-ghost" data-testid="sign-out" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}

/** Shown only when the backend cannot be reached, so a dead backend is not mistaken for "loading". */
function ConnectionBanner() {
  const state = useConvexConnectionState();
  if (state.isWebSocketConnected) return null;
  const message = state.hasEverConnected ? "Connection lost. Reconnecting…" : "Connecting to the backend…";
  return (
    <div className="connection-banner" role="status">
      {message}
    </div>
  );
}

function Dashboard({ agency }: { agency: AgencyProfile }) {
  const [url, setUrl] = useUrlState();
  const [editing, setEditing] = useState(false);

  const openReport = (id: string) => setUrl({ opp: id });
  const selectTab = (tab: DashboardTab) => setUrl({ tab, opp: undefined }, "replace");

  return (
    <>
      <Header agency={agency} onEditAgency={() => setEditing(true)} />
      <main className="page layout">
        <aside className="sidebar">
          <FindClientsForm
            key={`${agency._id}:${agency.targetVertical}:${agency.targetGeography}`}
            agency={agency}
            onStarted={(jobId) => setUrl({ run: jobId, tab: "run", opp: undefined })}
          />
          <QueryErrorBoundary what="the run history">
            <RunHistory selectedRunId={url.run} onSelect={(run) => setUrl({ run, tab: "run", opp: undefined })} />
          </QueryErrorBoundary>
        </aside>
        <div className="content">
          <Tabs tab={url.tab} onSelect={selectTab} />
          <div role="tabpanel" id={`panel-${url.tab}`} aria-labelledby={`tab-${url.tab}`} className="tab-panel">
            {url.tab === "run" ? (
              <RunTab runId={url.run} agency={agency} selectedOpp={url.opp} onOpen={openReport} onClearRun={() => setUrl({ run: undefined, opp: undefined }, "replace")} />
            ) : (
              <CampaignTab
                agency={agency}
                vertical={url.vertical}
                geography={url.geography}
                selectedOpp={url.opp}
                onOpen={openReport}
                onFilter={(patch) => setUrl(patch, "replace")}
              />
            )}
          </div>
        </div>
      </main>
      {url.opp ? <ReportPanel opportunityId={asOpportunityId(url.opp)} agency={agency} onClose={() => setUrl({ opp: undefined })} /> : null}
      {editing ? <EditAgencyDialog agency={agency} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

const TABS: { id: DashboardTab; label: string; testId: string }[] = [
  { id: "run", label: "This run", testId: "tab-run" },
  { id: "all", label: "All campaigns", testId: "tab-all-campaigns" },
];

function Tabs({ tab, onSelect }: { tab: DashboardTab; onSelect: (tab: DashboardTab) => void }) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  function onKeyDown(event: KeyboardEvent, index: number) {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    event.preventDefault();
    const next = (index + (event.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length;
    onSelect(TABS[next].id);
    refs.current[next]?.focus();
  }
  return (
    <div className="tabs" role="tablist" aria-label="Opportunities">
      {TABS.map((t, index) => (
        <button
          key={t.id}
          ref={(el) => {
            refs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${t.id}`}
          aria-selected={tab === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          className={tab === t.id ? "tab tab-active" : "tab"}
          data-testid={t.testId}
          onClick={() => onSelect(t.id)}
          onKeyDown={(e) => onKeyDown(e, index)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function RunTab({
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
    <QueryErrorBoundary what="this run" key={runId} hint="The link may be mistyped or from another deployment." action={{ label: "Clear selection", onClick: onClearRun }}>
      <RunView jobId={asRunId(runId)} />
      <RunOpportunities runId={runId} agency={agency} selectedOpp={selectedOpp} onOpen={onOpen} />
    </QueryErrorBoundary>
  );
}

function RunOpportunities({ runId, agency, selectedOpp, onOpen }: { runId: string; agency: AgencyProfile; selectedOpp?: string; onOpen: (id: string) => void }) {
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

interface CampaignProps {
  agency: AgencyProfile;
  vertical?: string;
  geography?: string;
  selectedOpp?: string;
  onOpen: (id: string) => void;
  onFilter: (patch: { vertical?: string; geography?: string }) => void;
}

function CampaignTab(props: CampaignProps) {
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

function EditAgencyDialog({ agency, onClose }: { agency: AgencyProfile; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, onClose);
  return (
    <div className="overlay overlay-center" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Edit agency profile" ref={ref} tabIndex={-1}>
        <AgencySetup profile={agency} onDone={onClose} onCancel={onClose} />
      </div>
    </div>
  );
}
