/**
 * The kill -9 loops on a child embedded backend (childBackend.ts), shared by durability.test.ts, resume.test.ts and
 * bench 7 (bench/scale.bench.ts): the tests assert on what they return, the bench reports it. `start` starts a
 * backend on one data file (the caller keeps the children, to kill them all when it is done).
 */
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { waitFor } from "../../waitFor";
import type { ChildBackend } from "./childBackend";
import { signUp } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

/**
 * Writes in a tight loop, each awaited (as `agency.save` would be), against the fixture app's `messages.send`,
 * SIGKILLing the backend `rounds` times (when `beforeKill` resolves; it sees the writes acknowledged so far);
 * then a fresh backend reads back what is stored. A write cut off by a kill was never acknowledged.
 */
export async function writeThroughKills(
  start: () => Promise<ChildBackend>,
  { rounds, author, beforeKill }: { rounds: number; author: string; beforeKill: (acknowledged: readonly string[]) => Promise<void> },
): Promise<{ acknowledged: string[]; stored: string[] }> {
  const acknowledged: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const backend = await start();
    const http = new ConvexHttpClient(backend.url);
    let stop = false;
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const body = `round ${round} write ${i}`;
        try {
          await http.mutation(api.messages.send, { author, body });
          acknowledged.push(body);
        } catch {
          return; // the connection died with the process: that write was never acknowledged
        }
      }
    })();
    await beforeKill(acknowledged);
    await backend.kill9();
    stop = true;
    await writer;
  }
  const backend = await start();
  const stored = (await new ConvexHttpClient(backend.url).query(api.messages.list, { author })) as { body: string }[];
  return { acknowledged, stored: stored.map((row) => row.body) };
}

export type KilledRunOutcome = { workflowStatus: string; leads: { place_id: string; status: string }[]; ms: number; stderr: string };

/**
 * A numLeads-10 demo run, signed in like a user (the session and the signing keys in the data folder outlive every
 * restart), with the backend SIGKILLed and restarted after each delay of `killAfterMs`; waits up to `timeoutMs`
 * for the run to end after the last restart (the workflow resumes from its journal).
 */
export async function runThroughKills(start: () => Promise<ChildBackend>, killAfterMs: readonly number[], timeoutMs: number): Promise<KilledRunOutcome> {
  const began = performance.now();
  let backend = await start();
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
  for (const delay of killAfterMs) {
    // The kill lands at a moment of the run chosen by the caller, not a wait for some state.
    await new Promise((resolve) => setTimeout(resolve, delay));
    await backend.kill9();
    stderr += backend.stderr();
    backend = await start();
    http = signedIn(backend.url);
  }
  let last = "missing";
  await waitFor(
    async () => {
      const view = (await http.query(api.marketing.getRun, { jobId })) as { run: { workflowStatus: string } } | null;
      last = view?.run.workflowStatus ?? "missing";
      return last !== "running";
    },
    { timeoutMs, what: () => `the run to end after ${killAfterMs.length} kills (still ${last}); backend stderr:\n${stderr}${backend.stderr()}` },
  );
  const leads = (await http.query(api.opportunities.listByRun, { jobId })) as KilledRunOutcome["leads"];
  return { workflowStatus: last, leads, ms: performance.now() - began, stderr: stderr + backend.stderr() };
}
