import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { startDemoWebServer, type DemoWebServer } from "../../../server/demoWeb/server";
import { BackendHarness, nextValue, REPO_DIR } from "./harness";

// Loads the real convex/ modules; anyApi avoids depending on the generated types being current.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type RunView = { run: { workflowStatus: string; lastEvent: { message: string } }; progress: { percent: number } };

const harness = new BackendHarness();
let demoWeb: DemoWebServer | undefined;
const savedOrigin = process.env.DEMO_WEB_ORIGIN;
afterEach(async () => {
  await harness.cleanup();
  await demoWeb?.close();
  demoWeb = undefined;
  if (savedOrigin === undefined) delete process.env.DEMO_WEB_ORIGIN;
  else process.env.DEMO_WEB_ORIGIN = savedOrigin;
});

describe("embedded backend running the app", () => {
  it("runs the lead-gen workflow to completion through the sync protocol", async () => {
    demoWeb = await startDemoWebServer({ port: 0, host: "127.0.0.1", slowDelayMs: 300, sluggishDelayMs: 100 });
    process.env.DEMO_WEB_ORIGIN = demoWeb.origin;
    const backend = await harness.start({ projectDir: REPO_DIR });
    const client = await harness.signedInClient(backend);

    await client.mutation(api.agency.ensureDemo, {});
    const { jobId } = await client.mutation(api.marketing.startLeadGenWorkflow, { numLeads: 3 });
    const progress: number[] = [];
    const finished = await nextValue<RunView | null>(
      (onValue, onError) =>
        client.onUpdate(
          api.marketing.getRun,
          { jobId },
          (view: RunView | null) => {
            if (view) progress.push(view.progress.percent);
            onValue(view);
          },
          onError,
        ),
      (view) => view !== null && view.run.workflowStatus !== "running",
    );
    expect(finished?.run.workflowStatus).toBe("completed");
    // The dashboard saw the run move, not just its end state.
    expect(new Set(progress).size).toBeGreaterThan(2);
    const opportunities = (await client.query(api.opportunities.listByRun, { jobId })) as { status: string }[];
    expect(opportunities.length).toBeGreaterThan(0);
    expect(opportunities.every((opportunity) => opportunity.status === "READY")).toBe(true);
  }, 120_000);
});
