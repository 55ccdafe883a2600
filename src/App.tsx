import { Authenticated, AuthLoading, Unauthenticated, useQuery } from "convex/react";
import { useRef, useState } from "react";
import { api } from "../convex/_generated/api";
import { type AgencyProfile, asOpportunityId } from "./apiTypes";
import { CampaignTab } from "./components/CampaignTab";
import { ConnectionBanner } from "./components/ConnectionBanner";
import { DashboardTabs } from "./components/DashboardTabs";
import { EditAgencyDialog } from "./components/EditAgencyDialog";
import { FindClientsForm } from "./components/FindClientsForm";
import { Header } from "./components/Header";
import { PipelineBar } from "./components/PipelineBar";
import { Loading, QueryErrorBoundary } from "./components/QueryStates";
import { SetupChoice } from "./components/onboarding/SetupChoice";
import { ReportPanel } from "./components/ReportPanel";
import { MonthSpend } from "./components/MonthSpend";
import { SharedReportPage } from "./components/report/SharedReportPage";
import { shareTokenFromPath } from "../lib/shareLinks";
import { RunHistory } from "./components/RunHistory";
import { RunTab } from "./components/RunTab";
import { SignIn } from "./components/SignIn";
import { useUrlState } from "./hooks/useUrlState";
import { scrollIntoViewSoon } from "./lib/scrollIntoView";
import type { DashboardTab } from "./lib/urlState";

/** Routing and layout only: sign-in state → set-up or dashboard; the parts live in src/components/. */
export function App() {
  // A shared prospect report (/r/<token>) is a page of its own: no sign-in, no dashboard chrome.
  const shareToken = shareTokenFromPath(window.location.pathname);
  if (shareToken !== undefined) return <SharedReportPage token={shareToken} />;
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

function Dashboard({ agency }: { agency: AgencyProfile }) {
  const [url, setUrl] = useUrlState();
  const [editing, setEditing] = useState(false);
  const contentRef = useRef<HTMLDivElement>(null);

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
            onStarted={(jobId) => {
              setUrl({ run: jobId, tab: "run", opp: undefined });
              // On a phone the run's progress is below the form and history: bring it into view.
              scrollIntoViewSoon(contentRef.current);
            }}
          />
          <QueryErrorBoundary what="this month's spend">
            <MonthSpend />
          </QueryErrorBoundary>
          <QueryErrorBoundary what="the run history">
            <RunHistory selectedRunId={url.run} onSelect={(run) => setUrl({ run, tab: "run", opp: undefined })} />
          </QueryErrorBoundary>
        </aside>
        <div className="content" ref={contentRef}>
          <QueryErrorBoundary what="the pipeline">
            <PipelineBar active={url.tab === "all" ? url.status : undefined} onSelect={(status) => setUrl({ tab: "all", status, opp: undefined })} />
          </QueryErrorBoundary>
          <DashboardTabs tab={url.tab} onSelect={selectTab} />
          <div role="tabpanel" id={`panel-${url.tab}`} aria-labelledby={`tab-${url.tab}`} className="tab-panel">
            {url.tab === "run" ? (
              <RunTab
                runId={url.run}
                agency={agency}
                selectedOpp={url.opp}
                onOpen={openReport}
                onClearRun={() => setUrl({ run: undefined, opp: undefined }, "replace")}
              />
            ) : (
              <CampaignTab
                agency={agency}
                filters={{ vertical: url.vertical, geography: url.geography, q: url.q, status: url.status, signal: url.signal }}
                sort={url.sort}
                order={url.order}
                selectedOpp={url.opp}
                onOpen={openReport}
                onChange={(patch) => setUrl(patch, "replace")}
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
