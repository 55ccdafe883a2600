/**
 * The embedded backend: the app's Convex functions on convex-test's runtime, served over Convex's sync
 * protocol (WebSocket) and HTTP API, kept on disk by a write-ahead log plus snapshot (durableStore.ts).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { WebSocketServer } from "ws";
import { version as convexClientVersion } from "convex";
import { onTopLevelCommit } from "./convexTestInternals";
import { prepareAuth } from "./authSetup";
import { DurableStore } from "./durableStore";
import { FunctionTrace, traceNow } from "./functionTrace";
import { handleHttpRequest, isAllowedOrigin } from "./httpApi";
import { EmbeddedRuntime } from "./runtime";
import { startSiteServer } from "./siteServer";
import { SyncHub } from "./syncSessions";

/** Largest sync message accepted; the client's own messages are far smaller. */
export const MAX_SYNC_MESSAGE_BYTES = 16 * 1024 * 1024;

/** `/api/1.48.0/sync` (the client puts its npm version in the path) or `/api/sync`. */
const SYNC_PATH = /^\/api\/(?:[^/]+\/)?sync$/;

export type EmbeddedBackendOptions = {
  projectDir: string;
  functionsDir?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** HTTP actions (convex/http.ts), the deployment's site URL: 3211 by default, a free port when `port` is 0. */
  sitePort?: number;
  /** The dashboard's origin, Convex Auth's `SITE_URL` (unless set in the env). */
  appUrl?: string;
  /** Snapshot file (its write-ahead log sits next to it, `<dataFile>.wal`); null keeps everything in memory. */
  dataFile: string | null;
  /** Log size that triggers a background compaction into the snapshot. */
  compactAtBytes?: number;
  /** Throttle for re-running subscribed queries after writes. */
  refreshThrottleMs?: number;
  pingIntervalMs?: number;
  /** Queries one sync connection may subscribe to (default 2,000). */
  maxSubscriptionsPerSession?: number;
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
  /** Workflow steps' action attempts that were running: run again as the same attempt. */
  replayedActions: number;
  /** Other actions that were running: failed attempts, handed to their workpool's retry. */
  failedJobs: number;
  recoveredWorkpoolJobs: number;
};

export type EmbeddedBackend = {
  url: string;
  port: number;
  /** `CONVEX_SITE_URL`: where convex/http.ts's HTTP actions are served. */
  siteUrl: string;
  runtime: EmbeddedRuntime;
  restore: RestoreReport;
  /** Compacts the write-ahead log into the snapshot now (every commit is already durable without it). */
  flush(): Promise<void>;
  /** Closes sockets and the server, closes the log, and stops the runtime's timers. */
  close(): Promise<void>;
};

export async function startEmbeddedBackend(options: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
  const logError = options.logError ?? ((message: string) => console.error(`[embedded backend] ${message}`));
  const host = options.host ?? "127.0.0.1";
  // The site URL must be known before functions run (Convex Auth signs tokens with it as issuer).
  let runtimeRef: EmbeddedRuntime | undefined;
  const sitePort = options.sitePort ?? (options.port === 0 ? 0 : (options.port ?? 3210) + 1);
  const site = await startSiteServer(() => runtimeRef!, host, sitePort, logError);
  const trace = FunctionTrace.fromEnv();
  let auth: Awaited<ReturnType<typeof prepareAuth>> | undefined;
  let runtime: EmbeddedRuntime;
  try {
    auth = await prepareAuth({
      functionsPath: path.join(options.projectDir, options.functionsDir ?? "convex"),
      dataDir: options.dataFile ? path.dirname(options.dataFile) : null,
      siteUrl: site.url,
      appUrl: options.appUrl ?? "http://localhost:5173",
    });
    runtime = await EmbeddedRuntime.create({ projectDir: options.projectDir, functionsDir: options.functionsDir, logError, trace });
  } catch (error) {
    auth?.restore();
    site.server.close();
    throw error;
  }
  runtime.verifyToken = auth.verifier;
  runtimeRef = runtime;
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
  if (store) runtime.whenDurable = () => store.whenDurable();

  const hub = new SyncHub(runtime, {
    throttleMs: options.refreshThrottleMs ?? 30,
    pingIntervalMs: options.pingIntervalMs ?? 15_000,
    maxSubscriptionsPerSession: options.maxSubscriptionsPerSession,
    logger: { error: logError },
    onRefreshPass: trace ? (t0, t1) => trace.record({ k: "refresh", t0, t1 }) : undefined,
  });
  onTopLevelCommit(internals, (writes) => {
    if (writes.size === 0) return;
    const t0 = trace ? traceNow() : 0;
    // In the log before anything else runs (this runs inside the commit); replies wait for its fsync.
    store?.recordCommit(writes);
    hub.noteWrite(writes);
    runtime.noteCommit(writes);
    if (trace) trace.record({ k: "commit", t0, t1: traceNow(), docs: [...writes.values()].reduce((n, ids) => n + ids.length, 0) });
  });

  const restore: RestoreReport = {
    restored: opened?.restore.restored ?? false,
    replayedCommits: opened?.restore.replayedCommits ?? 0,
    droppedTailBytes: opened?.restore.droppedTailBytes ?? 0,
    rearmedJobs: 0,
    replayedActions: 0,
    failedJobs: 0,
    recoveredWorkpoolJobs: 0,
  };
  if (restore.restored) {
    const { rearmed, replayed, failed, recovered } = await runtime.resumeScheduledJobs((writes) => store?.recordCommit(writes));
    restore.rearmedJobs = rearmed;
    restore.replayedActions = replayed;
    restore.failedJobs = failed;
    restore.recoveredWorkpoolJobs = recovered;
  }

  const server: Server = createServer((request, response) => {
    handleHttpRequest(runtime, request, response, convexClientVersion).catch((error: unknown) => {
      logError(`HTTP ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  // Over maxPayload, ws closes the connection with 1009 (and emits 'error', handled per socket in SyncHub).
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SYNC_MESSAGE_BYTES });
  sockets.on("wsClientError", (error, socket) => {
    logError(`sync handshake refused: ${error.message}`);
    socket.destroy();
  });
  server.on("clientError", (error, socket) => {
    // A malformed request or a socket reset: answer 400 if we still can, never crash.
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\n\r\n");
    else socket.destroy();
  });
  server.on("upgrade", (request, socket, head) => {
    socket.on("error", () => socket.destroy());
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

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    siteUrl: site.url,
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
        for (const listening of [server, site.server]) listening.closeAllConnections();
        await Promise.all(
          [server, site.server].map(
            (listening) =>
              new Promise<void>((resolve) => {
                const giveUp = setTimeout(resolve, 2_000);
                giveUp.unref();
                listening.close(() => {
                  clearTimeout(giveUp);
                  resolve();
                });
              }),
          ),
        );
        auth!.restore();
        trace?.flush();
      })()),
  };
}
