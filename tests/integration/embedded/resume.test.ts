/**
 * A lead-gen run survives `kill -9` of the backend as it would survive a deployment restart: after each
 * restart the workflow continues from its journal, and the run ends with the same leads as a run that was
 * never interrupted — none duplicated, none stuck mid-lifecycle. (bench/ has the 10-kill version.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoWebServer, type DemoWebServer } from "../../../server/demoWeb/server";
import { startChildBackend, type ChildBackend } from "./childBackend";
import { REPO_DIR, signUp } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type RunView = { run: { workflowStatus: string } } | null;
type Lead = { place_id: string; status: string };

const children: ChildBackend[] = [];
const dirs: string[] = [];
let demoWeb: DemoWebServer | undefined;
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill9()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await demoWeb?.close();
  demoWeb = undefined;
});

export type KilledRunOutcome = { workflowStatus: string; leads: Lead[]; kills: number; ms: number; stderr: string };

/** Starts a numLeads-10 run on a fresh data file, SIGKILLs the backend at `killAtMs` offsets (each after a restart), and waits for the end. */
export async function runWithKills(demoOrigin: string, killAtMs: number[]): Promise<KilledRunOutcome> {
  const dir = mkdtempSync(path.join(tmpdir(), "embedded-resume-"));
  dirs.push(dir);
  const dataFile = path.join(dir, "embedded-db.json");
  const start = async () => {
    const child = await startChildBackend({ projectDir: REPO_DIR, dataFile, env: { DEMO_WEB_ORIGIN: demoOrigin } });
    children.push(child);
    return child;
  };
  const began = performance.now();
  let backend = await start();
  // Signed in like a user: the session (and the signing keys in the data folder) outlive every restart.
  const token = await signUp(backend, "owner@resume.test");
  const signedIn = (url: string) => {
    const client = new ConvexHttpClient(url);
    client.setAuth(token);
    return client;
  };
  let http = signedIn(backend.url);
  await http.mutation(api.agency.ensureDemo, {});
  const { jobId } = (await http.mutation(api.marketing.startLeadGenWorkflow, { numLeads: 10 })) as { jobId: string };
  let stderr = "";
  for (const delay of killAtMs) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    await backend.kill9();
    stderr += backend.stderr();
    children.splice(children.indexOf(backend), 1);
    backend = await start();
    http = signedIn(backend.url);
  }
  let view: RunView = null;
  // Generous: a restart takes several seconds on a busy 2-core machine.
  for (const deadline = Date.now() + 180_000; Date.now() < deadline;) {
    view = (await http.query(api.marketing.getRun, { jobId })) as RunView;
    if (view && view.run.workflowStatus !== "running") break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const leads = (await http.query(api.opportunities.listByRun, { jobId })) as Lead[];
  stderr += backend.stderr();
  return { workflowStatus: view?.run.workflowStatus ?? "missing", leads, kills: killAtMs.length, ms: performance.now() - began, stderr };
}

describe("embedded backend: a run resumes after kill -9", () => {
  it("completes with the same leads as an uninterrupted run after SIGKILLs at random moments", async () => {
    demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1", slowDelayMs: 300, sluggishDelayMs: 100 });
    const baseline = await runWithKills(demoWeb.origin, []);
    expect(baseline.workflowStatus).toBe("completed");
    expect(baseline.leads.length).toBeGreaterThan(0);

    // Kills spread over the run: its start, the middle of sourcing/auditing, late.
    const kills = [150 + Math.random() * 400, 600 + Math.random() * 1_500, 1_000 + Math.random() * 2_500];
    const killed = await runWithKills(demoWeb.origin, kills);
    expect(killed.workflowStatus).toBe("completed");
    expect(killed.leads.length).toBe(baseline.leads.length);
    expect(new Set(killed.leads.map((lead) => lead.place_id)).size).toBe(killed.leads.length);
    expect(killed.leads.filter((lead) => lead.status !== "READY")).toEqual([]);
    expect(killed.leads.map((lead) => lead.place_id).sort()).toEqual(baseline.leads.map((lead) => lead.place_id).sort());
    // The run settled through its onComplete, which never failed (a failing onComplete leaves a run `running`).
    expect(`${baseline.stderr}${killed.stderr}`).not.toMatch(/Error calling onComplete|Cannot read properties of undefined/);
  }, 420_000);
});
