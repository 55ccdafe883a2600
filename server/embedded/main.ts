/**
 * Runs the embedded backend: `npx tsx server/embedded/main.ts`.
 *
 * Env: EMBEDDED_PORT (3210), EMBEDDED_SITE_PORT (3211, HTTP actions = CONVEX_SITE_URL), EMBEDDED_HOST (127.0.0.1), EMBEDDED_DATA_FILE (.data/embedded-db.json, the
 * snapshot; its write-ahead log is .data/embedded-db.json.wal; "memory" keeps nothing; Convex Auth's signing keys are kept next to it in
 * auth-keys.json), EMBEDDED_COMPACT_AT_BYTES (log size that triggers a compaction, 32 MiB), SITE_URL (the dashboard, for Convex Auth
 * redirects), EMBEDDED_PROJECT_DIR (the repo), EMBEDDED_FUNCTION_LOGS=1 to show functions' console.log/info.
 * EMBEDDED_TRACE_FILE=<file>.jsonl writes a timeline of function handlers, lock waits, commits and subscription refreshes when it stops
 * (bench 6 with BENCH_TRACE=1 reads it).
 * Prints one line once it listens; errors go to stderr.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnvFiles } from "../envFiles";
import { startEmbeddedBackend } from "./backend";

const projectDir = process.env.EMBEDDED_PROJECT_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// `npm run backend` on its own reads the same .env.local/.env as `npm run dev` (already loaded there: a no-op).
loadEnvFiles(projectDir);
const dataFileSetting = process.env.EMBEDDED_DATA_FILE ?? ".data/embedded-db.json";
const dataFile = dataFileSetting === "memory" ? null : path.resolve(projectDir, dataFileSetting);
const port = Number(process.env.EMBEDDED_PORT ?? 3210);
// With EMBEDDED_PORT=0 (any free port) the site port is any free port too, unless set.
const sitePort = Number(process.env.EMBEDDED_SITE_PORT ?? (port === 0 ? 0 : port + 1));
const host = process.env.EMBEDDED_HOST ?? "127.0.0.1";
const compactAtBytes = process.env.EMBEDDED_COMPACT_AT_BYTES ? Number(process.env.EMBEDDED_COMPACT_AT_BYTES) : undefined;

// Functions' (and the workflow components') info logs would drown the terminal; warnings and errors stay.
if (process.env.EMBEDDED_FUNCTION_LOGS !== "1") {
  const silent = () => {};
  console.log = silent;
  console.info = silent;
  console.debug = silent;
}

const backend = await startEmbeddedBackend({ projectDir, dataFile, port, sitePort, host, compactAtBytes }).catch((error: unknown) => {
  process.stderr.write(`[embedded backend] failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

// Leads saved before the lead table's search, sort and signal columns existed get them (a no-op once done).
await backend.runtime.callInternal("mutation", "opportunities:backfillLeadTableFields", {}).catch((error: unknown) => {
  process.stderr.write(`[embedded backend] lead table backfill failed: ${error instanceof Error ? error.message : String(error)}\n`);
});

const { restore } = backend;
const resumed =
  restore.rearmedJobs + restore.replayedActions + restore.failedJobs > 0
    ? `; resumed ${restore.rearmedJobs} scheduled function(s), re-running ${restore.replayedActions} interrupted step attempt(s), retrying ${restore.failedJobs} interrupted action(s)`
    : "";
const restored = restore.restored ? `, restored ${path.relative(projectDir, dataFile ?? "")} (+${restore.replayedCommits} logged commit(s))${resumed}` : "";
process.stdout.write(
  `embedded Convex backend listening on ${backend.url} (sync ws://${host}:${backend.port}/api/<version>/sync, HTTP actions ${backend.siteUrl})${restored}\n`,
);

let stopping = false;
async function stop(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  const forceExit = setTimeout(() => process.exit(1), 5_000);
  forceExit.unref();
  try {
    await backend.close();
  } catch (error) {
    process.stderr.write(`[embedded backend] error while stopping: ${String(error)}\n`);
  }
  process.exit(signal === "SIGINT" ? 130 : 0);
}
process.on("SIGINT", (signal) => void stop(signal));
process.on("SIGTERM", (signal) => void stop(signal));
