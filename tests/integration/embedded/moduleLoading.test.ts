/**
 * A module is evaluated with the process's real globals, whoever needs it first. A workflow's handler runs with
 * `process`, `Date`, `Math`… replaced by its deterministic environment, and inline steps and the run's
 * onComplete are called from inside it. When that was a module's first use (right after a restart), its
 * top-level `process.env` read (every app module has one, `_generated/server`'s `env`) threw, the module
 * stayed broken until the process exited, and the run stayed `running` forever.
 * In a child process (node + tsx, as `npm run dev`): vitest's own module runner does not show the bug.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { waitFor } from "../../waitFor";
import { startChildBackend, type ChildBackend } from "./childBackend";
import { FIXTURE_APP_DIR } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type Run = { workflowStatus: string; stepsDone: number; lastEvent: string };

let child: ChildBackend | undefined;
let dir: string | undefined;
afterEach(async () => {
  await child?.kill9();
  if (dir) rmSync(dir, { recursive: true, force: true });
  child = dir = undefined;
});

describe("embedded backend: loading modules", () => {
  it("runs a workflow step whose module is first loaded from inside the workflow handler", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "embedded-modules-"));
    child = await startChildBackend({ projectDir: FIXTURE_APP_DIR, dataFile: path.join(dir, "embedded-db.json") });
    const http = new ConvexHttpClient(child.url);
    const { runId } = (await http.mutation(api.runs.startWithInlineStep, {})) as { runId: string };
    let run: Run | null = null;
    await waitFor(
      async () => {
        run = (await http.query(api.runs.get, { runId })) as Run | null;
        return run && run.workflowStatus !== "running";
      },
      { timeoutMs: 30_000, what: () => `the run to end (${JSON.stringify(run)}); backend stderr:\n${child?.stderr()}` },
    );
    expect(run).toMatchObject({ workflowStatus: "completed", stepsDone: 1 });
    expect(child.stderr()).not.toMatch(/Cannot read properties of undefined/);
  }, 60_000);
});
