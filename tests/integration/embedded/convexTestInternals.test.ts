/**
 * Guards the convex-test internals the embedded backend reaches into (see the pin note in
 * server/embedded/convexTestInternals.ts). If convex-test is upgraded and these fail, the backend would
 * otherwise lose data or miss updates silently.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  applyCommitRecord,
  commitRecord,
  latestCommitTs,
  type CommittedWrites,
  onTopLevelCommit,
  PINNED_CONVEX_TEST_VERSION,
  restoreDatabases,
  snapshotDatabases,
} from "../../../server/embedded/convexTestInternals";
import { EmbeddedRuntime } from "../../../server/embedded/runtime";
import { FIXTURE_APP_DIR, REPO_DIR } from "./harness";
import { waitFor } from "../../waitFor";

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as { version?: string; dependencies?: Record<string, string> };

const waitUntil = (condition: () => boolean, what: string) => waitFor(condition, { timeoutMs: 10_000, intervalMs: 25, what });

describe("convex-test internals used by the embedded backend", () => {
  it("runs on the exact convex-test version it was written for", () => {
    expect(readJson(path.join(REPO_DIR, "package.json")).dependencies?.["convex-test"]).toBe(PINNED_CONVEX_TEST_VERSION);
    expect(readJson(path.join(REPO_DIR, "node_modules/convex-test/package.json")).version).toBe(PINNED_CONVEX_TEST_VERSION);
  });

  it("finds the per-component databases of the app and of the nested workflow components", async () => {
    const runtime = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    expect(Object.keys(runtime.internals.components).sort()).toEqual([
      "",
      "rateLimiter",
      "rateLimiter/batchWorker",
      "workflow",
      "workflow/workpool",
      "workflow/workpool/batchWorker",
    ]);
    runtime.halt();
  });

  it("reports the documents each top-level commit wrote, app and component tables alike, and nothing for reads", async () => {
    const runtime = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    const commits: CommittedWrites[] = [];
    onTopLevelCommit(runtime.internals, (writes) => {
      if (writes.size > 0) commits.push(writes);
    });
    const before = latestCommitTs(runtime.internals);
    await runtime.callPublic("query", "messages:list", {});
    expect(commits).toHaveLength(0);
    const messageId = await runtime.callPublic("mutation", "messages:send", { author: "gus", body: "hi" });
    expect(commits).toHaveLength(1);
    expect([...commits[0]]).toEqual([["", [messageId]]]);
    expect(latestCommitTs(runtime.internals)).toBeGreaterThan(before);

    // Starting a workflow writes the app's run row and the workflow component's rows in one transaction.
    const { runId } = (await runtime.callPublic("mutation", "runs:start", { stepsTotal: 1, stepDelayMs: 1 })) as { runId: string };
    const start = commits[1];
    expect(start.get("")).toContain(runId);
    expect(start.get("workflow")?.length).toBeGreaterThan(0);
    // The record the write-ahead log stores holds the committed values, and replays into a fresh runtime.
    const record = JSON.parse(JSON.stringify(commitRecord(runtime.internals, runtime.scheduledTargets, start)));
    const fresh = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    expect(applyCommitRecord(fresh.internals, fresh.scheduledTargets, record)).toEqual([]);
    expect(fresh.internals.components[""].db._documents[runId]).toMatchObject({ workflowStatus: "running" });
    runtime.halt();
    fresh.halt();
  });

  it("restores a snapshot of every component with the same ids into a fresh runtime", async () => {
    const first = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    const messageId = await first.callPublic("mutation", "messages:send", { author: "hal", body: "saved" });
    const { runId } = (await first.callPublic("mutation", "runs:start", { stepsTotal: 1, stepDelayMs: 1 })) as { runId: string };
    await waitUntil(() => {
      const run = first.internals.components[""].db._documents[runId];
      return run?.workflowStatus === "completed";
    }, "the fixture workflow to complete");
    const snapshot = JSON.parse(JSON.stringify(snapshotDatabases(first.internals, first.scheduledTargets)));
    first.halt();

    const second = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    expect(restoreDatabases(second.internals, second.scheduledTargets, snapshot)).toEqual([]);
    // Compared with the snapshot, not with `first`: halting it may still settle in-flight work afterwards.
    for (const [componentPath, saved] of Object.entries(snapshot.components as Record<string, { documents: { _id: string }[] }>)) {
      expect(Object.keys(second.internals.components[componentPath].db._documents).sort()).toEqual(saved.documents.map((d) => d._id).sort());
    }
    expect(second.internals.components[""].db._documents[messageId as string]).toMatchObject({ author: "hal", body: "saved" });
    expect(latestCommitTs(second.internals) >= BigInt(snapshot.lastCommitTs)).toBe(true);
    expect(await second.callPublic("query", "runs:get", { runId })).toMatchObject({ workflowStatus: "completed", stepsDone: 1 });
    second.halt();
  });

  it("records the target component of functions scheduled through a function handle", async () => {
    const runtime = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
    const { runId } = (await runtime.callPublic("mutation", "runs:start", { stepsTotal: 1, stepDelayMs: 1 })) as { runId: string };
    await waitUntil(() => runtime.internals.components[""].db._documents[runId]?.workflowStatus === "completed", "the fixture workflow to complete");
    // The workpool (component "workflow/workpool") calls the workflow component back through a function handle.
    const workpoolDb = runtime.internals.components["workflow/workpool"].db;
    const callbacks = Object.values(workpoolDb._documents).filter((doc) => doc.name === "pool:onComplete");
    expect(callbacks.length).toBeGreaterThan(0);
    for (const job of callbacks) expect(runtime.scheduledTargets.targetOf("workflow/workpool", job._id)).toBe("workflow");
    runtime.halt();
  });
});
