/**
 * A lead-gen run survives `kill -9` of the backend as it would survive a deployment restart: after each
 * restart the workflow continues from its journal, and the run ends with the same leads as a run that was
 * never interrupted — none duplicated, none stuck mid-lifecycle. (bench/ has the 10-kill version.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoWebServer, type DemoWebServer } from "../../../server/demoWeb/server";
import { startChildBackend, type ChildBackend } from "./childBackend";
import { REPO_DIR } from "./harness";
import { runThroughKills } from "./killLoops";

const children: ChildBackend[] = [];
const dirs: string[] = [];
let demoWeb: DemoWebServer | undefined;
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill9()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  await demoWeb?.close();
  demoWeb = undefined;
});

/** Generous: a restart takes several seconds on a busy 2-core machine. */
const RUN_END_TIMEOUT_MS = 180_000;

/** A numLeads-10 run on a fresh data file, the backend SIGKILLed after each of `killAfterMs` (and restarted). */
async function runWithKills(demoOrigin: string, killAfterMs: number[]) {
  const dir = mkdtempSync(path.join(tmpdir(), "embedded-resume-"));
  dirs.push(dir);
  const dataFile = path.join(dir, "embedded-db.json");
  const start = async () => {
    const child = await startChildBackend({ projectDir: REPO_DIR, dataFile, env: { DEMO_WEB_ORIGIN: demoOrigin } });
    children.push(child);
    return child;
  };
  return await runThroughKills(start, killAfterMs, RUN_END_TIMEOUT_MS);
}

describe("embedded backend: a run resumes after kill -9", () => {
  it(
    "completes with the same leads as an uninterrupted run after SIGKILLs at random moments",
    async () => {
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
      // Above the two waits for a run's end (RUN_END_TIMEOUT_MS each).
    },
    2 * RUN_END_TIMEOUT_MS + 60_000,
  );
});
