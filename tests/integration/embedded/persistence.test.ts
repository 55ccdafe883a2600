import { existsSync, readFileSync, writeFileSync } from "node:fs";
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
    expect(existsSync(dataFile)).toBe(true);

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
    const saved = JSON.parse(readFileSync(dataFile, "utf8")) as { components: Record<string, { documents: unknown[] }> };
    expect(Object.keys(saved.components).sort()).toEqual(["", "rateLimiter", "rateLimiter/batchWorker", "workflow", "workflow/workpool", "workflow/workpool/batchWorker"]);
    expect(saved.components.workflow.documents.length).toBeGreaterThan(0);

    const second = await harness.start({ dataFile });
    expect(second.restore.interruptedRuns).toBe(0);
    const run = (await new ConvexHttpClient(second.url).query(api.runs.get, { runId })) as Run;
    expect(run).toMatchObject({ workflowStatus: "completed", stepsDone: 2 });
  });

  it("marks a run interrupted by a restart failed, and a new run after the restart completes", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ dataFile });
    const client = harness.client(first);
    const { runId } = await client.mutation(api.runs.start, { stepsTotal: 50, stepDelayMs: 50 });
    await watchRun(client, runId, (run) => run.stepsDone >= 1);
    await first.close();

    const second = await harness.start({ dataFile });
    expect(second.restore.interruptedRuns).toBe(1);
    const after = harness.client(second);
    const interrupted = await watchRun(after, runId, (run) => run.workflowStatus !== "running");
    expect(interrupted.workflowStatus).toBe("failed");
    expect(interrupted.lastEvent).toMatch(/restart/);
    expect(interrupted.stepsDone).toBeLessThan(50);

    // The workpool and batch-worker loops were mid-flight when saved: they must pick up new work again.
    const { runId: nextRunId } = await after.mutation(api.runs.start, { stepsTotal: 2, stepDelayMs: 10 });
    const next = await watchRun(after, nextRunId, (run) => run.workflowStatus !== "running");
    expect(next).toMatchObject({ workflowStatus: "completed", stepsDone: 2 });
    // Re-armed jobs ran in the component they target (workpool → workflow callbacks go through function handles).
    expect(harness.errors.filter((message) => /Could not find module/.test(message))).toEqual([]);
  });

  it("refuses to start on a corrupt data file instead of overwriting it", async () => {
    const dataFile = harness.tempDataFile();
    writeFileSync(dataFile, "{ not json");
    await expect(harness.start({ dataFile })).rejects.toMatchObject({ code: "EMBEDDED_DB_UNREADABLE" });
    expect(readFileSync(dataFile, "utf8")).toBe("{ not json");
  });
});
