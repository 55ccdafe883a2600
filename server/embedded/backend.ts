/**
 * The embedded backend: the app's Convex functions on convex-test's runtime, served over Convex's sync
 * protocol (WebSocket) and HTTP API, kept on disk by a write-ahead log plus snapshot (durableStore.ts).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer } from "ws";
import { version as convexClientVersion } from "convex";
import { onTopLevelCommit } from "./convexTestInternals";
import { DurableStore } from "./durableStore";
import { handleHttpRequest, isAllowedOrigin } from "./httpApi";
import { EmbeddedRuntime } from "./runtime";
import { SyncHub } from "./syncSessions";

/** `/api/1.48.0/sync` (the client puts its npm version in the path) or `/api/sync`. */
const SYNC_PATH = /^\/api\/(?:[^/]+\/)?sync$/;

export type EmbeddedBackendOptions = {
  projectDir: string;
  functionsDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Snapshot file (its write-ahead log sits next to it, `<dataFile>.wal`); null keeps everything in memory. */
  dataFile: string | null;
  /** Log size that triggers a background compaction into the snapshot. */
  compactAtBytes?: number;
  /** Throttle for re-running subscribed queries after writes. */
  refreshThrottleMs?: number;
  pingIntervalMs?: number;
  logError?: (message: string) => void;
};

export type RestoreReport = {
  restored: boolean;
  /** Commits replayed from the write-ahead log. */
  replayedCommits: number;
  /** Bytes of a torn or corrupt log tail that were dropped (logged). */
  droppedTailBytes: number;
  /** Scheduled functions given timers again. */
  rearmedJobs: number;
  /** Actions that were running: failed attempts, handed to their workpool's retry. */
  failedJobs: number;
  recoveredWorkpoolJobs: number;
};

export type EmbeddedBackend = {
  url: string;
  port: number;
  runtime: EmbeddedRuntime;
  restore: RestoreReport;
  /** Compacts the write-ahead log into the snapshot now (every commit is already durable without it). */
  flush(): Promise<void>;
  /** Closes sockets and the server, closes the log, and stops the runtime's timers. */
  close(): Promise<void>;
};

export async function startEmbeddedBackend(options: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
  const logError = options.logError ?? ((message: string) => console.error(`[embedded backend] ${message}`));
  const runtime = await EmbeddedRuntime.create({ projectDir: options.projectDir, functionsDir: options.functionsDir, logError });
  const internals = runtime.internals;

  const opened = options.dataFile
    ? await DurableStore.open({
        dataFile: options.dataFile,
        internals,
        targets: runtime.scheduledTargets,
        log: logError,
        compactAtBytes: options.compactAtBytes,
      })
    : null;
  const store = opened?.store ?? null;

  const hub = new SyncHub(runtime, {
    throttleMs: options.refreshThrottleMs ?? 30,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    logger: { error: logError },
  });
  onTopLevelCommit(internals, (writes) => {
    if (writes.size === 0) return;
    // Durable before the function's result is sent: this runs inside the commit.
    store?.recordCommit(writes);
    hub.noteWrite();
  });

  const restore: RestoreReport = {
    restored: opened?.restore.restored ?? false,
    replayedCommits: opened?.restore.replayedCommits ?? 0,
    droppedTailBytes: opened?.restore.droppedTailBytes ?? 0,
    rearmedJobs: 0,
    failedJobs: 0,
    recoveredWorkpoolJobs: 0,
  };
  if (restore.restored) {
    const { rearmed, failed, recovered } = await runtime.resumeScheduledJobs((writes) => store?.recordCommit(writes));
    restore.rearmedJobs = rearmed;
    restore.failedJobs = failed;
    restore.recoveredWorkpoolJobs = recovered;
  }

  const server: Server = createServer((request, response) => {
    handleHttpRequest(runtime, request, response, convexClientVersion).catch((error: unknown) => {
      logError(`HTTP ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  server.on("upgrade", (request, socket, head) => {
    const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
    if (!SYNC_PATH.test(pathname) || !isAllowedOrigin(request.headers.origin)) {
      socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => hub.attach(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 3210, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? "127.0.0.1";

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    runtime,
    restore,
    flush: async () => {
      await store?.compact();
    },
    close: () =>
      (closing ??= (async () => {
        // Every commit is already on disk. Close the log before halting: halting cancels pending
        // scheduled jobs in memory only, so they stay pending on disk and are re-armed on the next start.
        await store?.close();
        runtime.halt();
        hub.close();
        sockets.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => {
          const giveUp = setTimeout(resolve, 2_000);
          giveUp.unref();
          server.close(() => {
            clearTimeout(giveUp);
            resolve();
          });
        });
      })()),
  };
}
