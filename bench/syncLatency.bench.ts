/**
 * Bench 4 — sync latency: from just before a mutation call on one client to another client's
 * subscription callback seeing the new value (as a second dashboard tab would), over the
 * embedded backend's sync protocol. Baseline: the same mutation's round trip on the writing
 * client (its promise resolving) in the same iteration.
 */
import { anyApi } from "convex/server";
import { openEmbeddedBackendSession } from "./embeddedBackendSession";
import { formatMs, formatRatio, type BenchResult, type BenchSettings } from "./report";
import { median, percentile } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

interface AgencyDoc {
  name: string;
  targetVertical: string;
  targetGeography: string;
  leadQualificationCriteria: string[];
  approvedClaims: { id: string; text: string }[];
}

const ITERATION_TIMEOUT_MS = 5_000;

export async function runSyncLatencyBench({ quick, log }: BenchSettings): Promise<BenchResult> {
  const warmUps = quick ? 3 : 5;
  const iterations = quick ? 10 : 50;
  const session = await openEmbeddedBackendSession();
  try {
    const { client } = session;
    const watcher = session.openClient();
    await client.mutation(api.agency.ensureDemo, {});
    const agency = (await client.query(api.agency.get, {})) as AgencyDoc;
    const fields = {
      name: agency.name,
      targetVertical: agency.targetVertical,
      targetGeography: agency.targetGeography,
      leadQualificationCriteria: agency.leadQualificationCriteria,
      approvedClaims: agency.approvedClaims,
    };

    let waiting: { name: string; resolve: (at: number) => void } | undefined;
    let firstValue: () => void = () => {};
    const subscribed = new Promise<void>((resolve) => (firstValue = resolve));
    const unsubscribe = watcher.onUpdate(api.agency.get, {}, (doc: AgencyDoc | null) => {
      const at = performance.now();
      firstValue();
      if (doc && waiting && doc.name === waiting.name) {
        const { resolve } = waiting;
        waiting = undefined;
        resolve(at);
      }
    });
    await subscribed;

    const updateMs: number[] = [];
    const mutationMs: number[] = [];
    log(`sync: ${warmUps} warm-up + ${iterations} measured writes`);
    try {
      for (let i = 0; i < warmUps + iterations; i++) {
        const name = `Atlas Bench Agency ${i}`;
        let timer: ReturnType<typeof setTimeout> | undefined;
        const seen = new Promise<number>((resolve, reject) => {
          waiting = { name, resolve };
          timer = setTimeout(() => reject(new Error(`No update for write ${i} within ${ITERATION_TIMEOUT_MS} ms`)), ITERATION_TIMEOUT_MS);
        });
        const started = performance.now();
        const mutated = client.mutation(api.agency.save, { ...fields, name }).then(() => performance.now());
        const [seenAt, mutatedAt] = await Promise.all([seen, mutated]).finally(() => clearTimeout(timer));
        if (i < warmUps) continue;
        updateMs.push(seenAt - started);
        mutationMs.push(mutatedAt - started);
      }
    } finally {
      unsubscribe();
    }
    // Leave the demo agency as it was.
    await client.mutation(api.agency.save, fields);

    const updateMedian = median(updateMs);
    const mutationMedian = median(mutationMs);
    const ratio = updateMedian / mutationMedian;
    return {
      name: "4. sync latency",
      headline: `write → other client's update median ${formatMs(updateMedian)} (p90 ${formatMs(percentile(updateMs, 0.9))}) = ${formatRatio(ratio)} of the mutation round trip (${formatMs(mutationMedian)})`,
      figures: [
        { label: "write → other client's subscription update, median", value: formatMs(updateMedian) },
        { label: "write → other client's subscription update, p90", value: formatMs(percentile(updateMs, 0.9)) },
        { label: "baseline: mutation round trip, median", value: formatMs(mutationMedian) },
        { label: "baseline: mutation round trip, p90", value: formatMs(percentile(mutationMs, 0.9)) },
        { label: "update / round trip", value: formatRatio(ratio) },
      ],
      notes: [
        `${iterations} writes (api.agency.save toggling the name) after ${warmUps} warm-up(s), one at a time; subscriber: ConvexClient.onUpdate(api.agency.get) on a second client (its own WebSocket)`,
        "embedded backend in a child process (default 30 ms refresh throttle, temp data file); both figures start just before client.mutation(); the Convex client resolves a mutation only once its own view has caught up with the write",
      ],
    };
  } finally {
    await session.close();
  }
}
