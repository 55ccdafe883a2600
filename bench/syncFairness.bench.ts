/**
 * Bench 5 — sync fairness: one connection subscribes to 20,000 queries (each with its own
 * arguments, so none is shared) while another client sends mutations one at a time. Baseline:
 * the same mutations with no such connection, measured in the same run. Runs the embedded
 * backend in-process on the small fixture app (tests/fixtures/embedded-app): no workflow, so
 * it closes cleanly.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import WebSocket from "ws";
import { startEmbeddedBackend } from "../server/embedded/backend";
import { formatMs, formatRatio, type BenchResult, type BenchSettings } from "./report";
import { median, percentile } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
const FIXTURE_APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../tests/fixtures/embedded-app");

export async function runSyncFairnessBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const subscriptions = quick ? 5_000 : 20_000;
  const mutations = quick ? 30 : 100;
  const backend = await startEmbeddedBackend({
    projectDir: FIXTURE_APP_DIR,
    port: 0,
    dataFile: null,
    maxSubscriptionsPerSession: subscriptions,
    logError: () => undefined,
  });
  const client = new ConvexClient(backend.url, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    unsavedChangesWarning: false,
    logger: false,
  });
  const measure = async (label: string) => {
    const samples: number[] = [];
    for (let i = 0; i < mutations; i++) {
      const started = performance.now();
      await client.mutation(api.messages.send, { author: "bench", body: `${label} ${i}` });
      samples.push(performance.now() - started);
    }
    return samples;
  };
  try {
    await client.query(api.messages.list, { author: "bench" });
    log(`sync fairness: ${mutations} mutations, no other connection`);
    const baseline = await measure("baseline");
    log(`sync fairness: ${mutations} mutations while another connection holds ${subscriptions} subscriptions`);
    const hog = new WebSocket(`${backend.url.replace("http", "ws")}/api/1.48.0/sync`);
    await new Promise((resolve, reject) => hog.once("open", resolve).once("error", reject));
    let subscribed!: () => void;
    const firstTransition = new Promise<void>((resolve) => (subscribed = resolve));
    hog.on("message", (data) => String(data).startsWith('{"type":"Transition"') && subscribed());
    hog.send(JSON.stringify({ type: "Connect", sessionId: "00000000-0000-4000-8000-000000000001", connectionCount: 0, lastCloseReason: null }));
    const modifications = Array.from({ length: subscriptions }, (_, i) => ({
      type: "Add",
      queryId: i,
      udfPath: "messages:list",
      args: [{ author: `hog-${i}` }],
    }));
    const subscribeStarted = performance.now();
    hog.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion: 0, newVersion: 1, modifications }));
    await firstTransition;
    const subscribeMs = performance.now() - subscribeStarted;
    const contended = await measure("contended");
    hog.close();
    const p99 = percentile(contended, 0.99);
    const baseP99 = percentile(baseline, 0.99);
    return {
      name: "5. sync fairness",
      headline: `another client's mutation with ${subscriptions.toLocaleString("en-US")} subscriptions on one connection: p99 ${formatMs(p99)} (${formatRatio(p99 / baseP99)} of its p99 alone, ${formatMs(baseP99)})`,
      figures: [
        { label: "alone: mutation round trip, median", value: formatMs(median(baseline)) },
        { label: "alone: mutation round trip, p99", value: formatMs(baseP99) },
        { label: `with ${subscriptions} subscriptions elsewhere, median`, value: formatMs(median(contended)) },
        { label: `with ${subscriptions} subscriptions elsewhere, p99`, value: formatMs(p99) },
        { label: "first Transition for the 20,000-query connection", value: formatMs(subscribeMs) },
      ],
      notes: [
        `${mutations} mutations one at a time (api.messages.send); every write makes the other connection re-run all its queries, 32 at a time with a yield between batches`,
        "embedded backend in-process on the fixture app, no refresh sharing (every subscription has its own args)",
      ],
    };
  } finally {
    await client.close();
    await backend.close();
  }
}
