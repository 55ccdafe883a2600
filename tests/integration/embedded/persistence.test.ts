import { appendFileSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { BackendHarness, nextValue } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type Run = { _id: string; workflowStatus: string; stepsDone: number; stepsTotal: number; lastEvent: string };

const harness = new BackendHarness();
afterEach(() => harness.cleanup());

function watchRun(client: ReturnType<BackendHarness["client"]>, runId: string, predicate: (run: Run) => boolean) {
  return nextValue<Run | null>(
    (onValue, onError) => client.onUpdate(api.runs.get, { runId }, onValue, onError),
    (run) => run !== null && predicate(run),
  ) as Promise<Run>;
}

describe("embedded backend: persistence", () => {
  it("keeps data and document ids across a stop and a start", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile });
    const id = await new ConvexHttpClient(first.url).mutation(api.messages.send, { author: "fay", body: "Follow up Monday" });
    await first.close();
    // Acknowledged means logged: the write is in the write-ahead log next to the (not yet written) snapshot.
    expect(statSync(`${dataFile}.wal`).size).toBeGreaterThan(0);

    const second = await harness.start({ dataFile });
    expect(second.restore.restored).toBe(true);
    const http = new ConvexHttpClient(second.url);
    expect(await http.query(api.messages.list, { author: "fay" })).toEqual([{ author: "fay", body: "Follow up Monday" }]);
    // New documents do not reuse ids of restored ones.
    const nextId = await http.mutation(api.messages.send, { author: "fay", body: "Second note" });
    expect(nextId).not.toBe(id);
    expect(await http.query(api.messages.list, { author: "fay" })).toHaveLength(2);
  });

  it("saves the workflow component's tables too, and a finished run stays finished", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile });
    const client = harness.client(first);
    const { runId } = await client.mutation(api.runs.start, { stepsTotal: 2, stepDelayMs: 10 });
    await watchRun(client, runId, (run) => run.workflowStatus === "completed");
    await first.close();
    // Nothing was snapshotted yet: every commit is in the write-ahead log.
    expect(statSync(`${dataFile}.wal`).size).toBeGreaterThan(0);

    const second = await harness.start({ dataFile });
    expect(second.restore.replayedCommits).toBeGreaterThan(0);
    // The replayed log was folded into a snapshot of every component on start.
    const saved = JSON.parse(readFileSync(dataFile, "utf8")) as { components: Record<string, { documents: unknown[] }> };
    expect(Object.keys(saved.components).sort()).toEqual([
      "",
      "rateLimiter",
      "rateLimiter/batchWorker",
      "workflow",
      "workflow/workpool",
      "workflow/workpool/batchWorker",
    ]);
    expect(saved.components.workflow.documents.length).toBeGreaterThan(0);
    const run = (await new ConvexHttpClient(second.url).query(api.runs.get, { runId })) as Run;
    expect(run).toMatchObject({ workflowStatus: "completed", stepsDone: 2 });
  });

  it("resumes a run interrupted by a restart: the interrupted step is retried and the run completes", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile });
    const client = harness.client(first);
    const { runId } = await client.mutation(api.runs.start, { stepsTotal: 6, stepDelayMs: 150 });
    await watchRun(client, runId, (run) => run.stepsDone >= 2);
    await first.close();

    const second = await harness.start({ dataFile });
    expect(second.restore.rearmedJobs + second.restore.replayedActions + second.restore.failedJobs).toBeGreaterThan(0);
    const after = harness.client(second);
    const resumed = await watchRun(after, runId, (run) => run.workflowStatus !== "running");
    expect(resumed).toMatchObject({ workflowStatus: "completed", stepsDone: 6 });

    // The workpool and batch-worker loops were mid-flight when stopped: they pick up new work too.
    const { runId: nextRunId } = await after.mutation(api.runs.start, { stepsTotal: 2, stepDelayMs: 10 });
    const next = await watchRun(after, nextRunId, (run) => run.workflowStatus !== "running");
    expect(next).toMatchObject({ workflowStatus: "completed", stepsDone: 2 });
    // Re-armed jobs ran in the component they target (workpool → workflow callbacks go through function handles).
    expect(harness.errors.filter((message) => /Could not find module/.test(message))).toEqual([]);
    // Two backend starts (each imports every module first) and a run: under a loaded CI machine this outlasts 60 s.
  }, 150_000);

  it("drops a torn log tail with a log line and keeps every complete commit", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile });
    const http = new ConvexHttpClient(first.url);
    await http.mutation(api.messages.send, { author: "ivy", body: "one" });
    await http.mutation(api.messages.send, { author: "ivy", body: "two" });
    await first.close();
    // A crash in the middle of an append: a header promising more bytes than were written.
    const torn = Buffer.alloc(12);
    torn.writeUInt32LE(5_000, 0);
    appendFileSync(`${dataFile}.wal`, torn);
    // And a snapshot half-written when the crash hit.
    writeFileSync(`${dataFile}.tmp`, '{"format":"atlas-embedded-db/1","compo');

    const second = await harness.start({ dataFile });
    expect(second.restore.droppedTailBytes).toBe(12);
    expect(harness.errors.some((message) => /dropped the tail of embedded-db\.json\.wal.*record cut short/.test(message))).toBe(true);
    expect(await new ConvexHttpClient(second.url).query(api.messages.list, { author: "ivy" })).toEqual([
      { author: "ivy", body: "one" },
      { author: "ivy", body: "two" },
    ]);
    expect(readdirSync(path.dirname(dataFile)).sort()).toEqual(["auth-keys.json", "embedded-db.json", "embedded-db.json.wal"]);
  });

  it("compacts the log into the snapshot in the background and loses nothing", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile, compactAtBytes: 2_000 });
    const http = new ConvexHttpClient(first.url);
    for (let i = 0; i < 20; i++) await http.mutation(api.messages.send, { author: "jo", body: `note ${i}` });
    await first.flush();
    expect(existsSync(dataFile)).toBe(true);
    expect(existsSync(`${dataFile}.wal.old`)).toBe(false);
    await http.mutation(api.messages.send, { author: "jo", body: "after compaction" });
    await first.close();

    const second = await harness.start({ dataFile });
    expect(await new ConvexHttpClient(second.url).query(api.messages.list, { author: "jo" })).toHaveLength(21);
  });

  it("refuses to start on a corrupt data file instead of overwriting it", async () => {
    const dataFile = harness.tempDataFile();
    writeFileSync(dataFile, "{ not json");
    await expect(harness.start({ dataFile })).rejects.toMatchObject({ code: "EMBEDDED_DB_UNREADABLE" });
    expect(readFileSync(dataFile, "utf8")).toBe("{ not json");
  });
});
