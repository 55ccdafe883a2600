/**
 * Bench 3 — a whole demo lead-gen run on the embedded backend: Places (demo dataset) →
 * filter/rank → persist → deep audits of the demo websites (50 ms injected latency) →
 * dossiers → final rank, watched over the sync protocol like the dashboard does.
 */
import { anyApi } from "convex/server";
import { startDemoWebServer } from "../server/demoWeb/server";
import { openEmbeddedBackendSession, waitForValue } from "./embeddedBackendSession";
import { formatMs, type BenchResult, type BenchSettings } from "./report";

// anyApi: the bench does not depend on the generated types being current (as the integration tests).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

const INJECTED_LATENCY_MS = 50;

interface RunPhase {
  name: string;
  status: string;
  startedAt?: number;
  completedAt?: number;
}
interface RunView {
  run: {
    workflowStatus: string;
    startedAt: number;
    textQuery: string;
    phases: RunPhase[];
    lastEvent?: { message: string };
    error?: string;
    numLeadsFetched?: number;
  };
  progress: { percent: number };
  counts: { fetched: number; dropped: Record<string, number>; persisted: number; audited: number; ready: number };
}
interface ListedOpportunity {
  name: string;
  domain?: string;
  status: string;
  audit: null | { status: string; error?: string; phases: RunPhase[] };
}

/** First phase start to last phase end of one audit job, in ms (undefined while incomplete). */
function auditSpanMs(phases: readonly RunPhase[]): number | undefined {
  const starts = phases.flatMap((p) => (p.startedAt === undefined ? [] : [p.startedAt]));
  const ends = phases.flatMap((p) => (p.completedAt === undefined ? [] : [p.completedAt]));
  return starts.length && ends.length ? Math.max(...ends) - Math.min(...starts) : undefined;
}

export async function runDemoRunBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const numLeads = quick ? 5 : 20;
  const maxDeepAudits = quick ? 3 : undefined;
  const deadlineMs = quick ? 60_000 : 150_000;
  // Default demo delays: the special "slow" site and the sluggish homes keep their real timing.
  const demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1", latencyMs: INJECTED_LATENCY_MS });
  try {
    const session = await openEmbeddedBackendSession({ DEMO_WEB_ORIGIN: demoWeb.origin });
    try {
      const { client } = session;
      await client.mutation(api.agency.ensureDemo, {});
      log(`demo run: numLeads ${numLeads}${maxDeepAudits ? `, maxDeepAudits ${maxDeepAudits}` : ""}`);
      const started = performance.now();
      const { jobId } = (await client.mutation(api.marketing.startLeadGenWorkflow, maxDeepAudits ? { numLeads, maxDeepAudits } : { numLeads })) as {
        jobId: string;
      };
      const progressSeen = new Set<number>();
      const finished = await waitForValue<RunView | null>(
        (onValue, onError) =>
          client.onUpdate(
            api.marketing.getRun,
            { jobId },
            (view: RunView | null) => {
              if (view) progressSeen.add(view.progress.percent);
              onValue(view);
            },
            onError,
          ),
        (view) => view !== null && view.run.workflowStatus !== "running",
        deadlineMs,
        "the run to finish",
      );
      const wallMs = performance.now() - started;
      if (!finished) throw new Error("run disappeared");
      const leads = (await client.query(api.opportunities.listByRun, { jobId })) as ListedOpportunity[];
      const ready = leads.filter((l) => l.status === "READY").length;
      const auditsCompleted = leads.filter((l) => l.audit?.status === "completed").length;
      const auditsStarted = leads.filter((l) => l.audit !== null).length;
      const dropped = Object.entries(finished.counts.dropped)
        .filter(([, n]) => n > 0)
        .map(([reason, n]) => `${reason} ${n}`);

      // Offsets from the run's start: phases overlap (generate_dossier starts with the first dossier).
      const at = (t: number) => `${((t - finished.run.startedAt) / 1000).toFixed(1)}`;
      const phaseTimes = finished.run.phases
        .filter((p) => p.startedAt !== undefined && p.completedAt !== undefined)
        .map((p) => `${p.name} ${at(p.startedAt!)}–${at(p.completedAt!)} s`);
      const audits = leads
        .filter((l) => l.audit !== null)
        .map((l) => ({ site: l.domain ?? l.name, status: l.audit!.status, error: l.audit!.error, ms: auditSpanMs(l.audit!.phases) }));
      const slowest = audits
        .filter((a) => a.ms !== undefined)
        .sort((a, b) => b.ms! - a.ms!)
        .slice(0, 3)
        .map((a) => `${a.site} ${formatMs(a.ms!)}`);
      const unfinished = audits.filter((a) => a.status !== "completed").map((a) => `${a.site}: ${a.status}${a.error ? ` (${a.error.slice(0, 120)})` : ""}`);
      const status = finished.run.workflowStatus;
      const notes = [
        `${INJECTED_LATENCY_MS} ms injected per demo request; demo server default delays kept (slow special site 12 s, sluggish homes 4 s); demo server in this process, embedded backend in a child process (as npm run dev does), temp data file`,
        `phases (s from run start): ${phaseTimes.join(", ")}`,
        `slowest audits: ${slowest.join(", ") || "none"}`,
        `distinct progress values seen by the subscription: ${progressSeen.size}; the demo dataset has ${finished.counts.fetched} Places results for "${finished.run.textQuery}"`,
      ];
      if (unfinished.length > 0) notes.push(`audits not completed: ${unfinished.join("; ")}`);
      if (status !== "completed") notes.push(`WARNING: run ended ${status}: ${finished.run.error ?? finished.run.lastEvent?.message ?? ""}`);
      if (session.stderrLines.length > 0)
        notes.push(`backend wrote ${session.stderrLines.length} stderr line(s), first: ${session.stderrLines[0].slice(0, 200)}`);
      return {
        name: "3. demo run (embedded backend)",
        headline: `numLeads ${numLeads}: run ${status} in ${formatMs(wallMs)}, ${ready} leads READY, ${auditsCompleted}/${auditsStarted} deep audits completed`,
        figures: [
          { label: "wall time, start → " + status, value: formatMs(wallMs) },
          { label: "Places results fetched", value: `${finished.counts.fetched}${dropped.length ? ` (dropped: ${dropped.join(", ")})` : ""}` },
          { label: "leads persisted / READY", value: `${finished.counts.persisted} / ${ready}` },
          { label: "deep audits completed / started", value: `${auditsCompleted} / ${auditsStarted}` },
        ],
        notes,
      };
    } finally {
      await session.close();
    }
  } finally {
    await demoWeb.close();
  }
}
