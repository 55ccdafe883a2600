/**
 * Runs the embedded backend as a child process (`tsx server/embedded/main.ts`, as `npm run dev`
 * does) on a random port with a temporary data file, plus a ConvexClient talking to it over the
 * sync protocol, and tears both down.
 *
 * Why not in-process: `EmbeddedBackend.close()` leaves convex-test's own scheduler timers armed
 * (the workpool schedules wake-ups up to ~2 min ahead), so a process that ran a workflow cannot
 * exit on its own after closing the backend. A child process is stopped with SIGTERM instead.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";
import { signUp } from "../tests/integration/embedded/harness";
import { embeddedNodeOptions } from "../server/embedded/nodeOptions";

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TSX_CLI = path.join(REPO_DIR, "node_modules/tsx/dist/cli.mjs");
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 8_000;
const LISTENING_LINE = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export interface EmbeddedBackendSession {
  url: string;
  client: ConvexClient;
  /** Lines the backend wrote to stderr (failed functions, warnings). */
  stderrLines: string[];
  /** Milliseconds from spawn to the backend listening. */
  startupMs: number;
  /** The backend's process group (tsx and the node process it runs): for RSS sampling. */
  processGroup: number;
  /** The signed-in user's token (for HTTP clients: ConvexHttpClient.setAuth). */
  token: string;
  /** Another client on the same backend (another tab), closed with the session. */
  openClient(): ConvexClient;
  close(): Promise<void>;
}

/** `env` is added to the backend's environment (e.g. DEMO_WEB_ORIGIN). */
export async function openEmbeddedBackendSession(env: Record<string, string> = {}): Promise<EmbeddedBackendSession> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "atlas-bench-"));
  const started = performance.now();
  // Own process group: tsx runs the script in a grandchild, and the whole group is stopped together.
  const child = spawn(process.execPath, [TSX_CLI, "server/embedded/main.ts"], {
    cwd: REPO_DIR,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      EMBEDDED_PORT: "0",
      EMBEDDED_HOST: "127.0.0.1",
      EMBEDDED_DATA_FILE: path.join(dataDir, "embedded-db.json"),
      EMBEDDED_FUNCTION_LOGS: "0",
      // The flags `npm run dev` starts the backend with.
      NODE_OPTIONS: embeddedNodeOptions(process.env.NODE_OPTIONS),
      // Keys in the developer's .env.local/.env must not reach a bench.
      ATLAS_ENV_FILES: "0",
      ...env,
    },
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stderrLines: string[] = [];
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => stderrLines.push(...chunk.split("\n").filter(Boolean)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }, STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  let url: string;
  try {
    url = await new Promise<string>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => reject(new Error(`embedded backend not listening after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        stdout += chunk;
        const match = LISTENING_LINE.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`embedded backend exited (${code}) before listening: ${stderrLines.slice(-3).join(" | ")}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const startupMs = performance.now() - started;
  // Every public function needs a signed-in user: one account per session, shared by its clients (tabs).
  let token: string;
  try {
    token = await signUp({ url }, "owner@bench.test");
  } catch (error) {
    await stop();
    throw error;
  }
  const clients: ConvexClient[] = [];
  const authConfirmed = new Map<ConvexClient, Promise<void>>();
  const openClient = () => {
    const client = new ConvexClient(url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
      logger: false,
    });
    authConfirmed.set(
      client,
      new Promise<void>((resolve, reject) =>
        client.setAuth(
          async () => token,
          (isAuthenticated) => (isAuthenticated ? resolve() : reject(new Error("the backend refused a token it issued"))),
        ),
      ),
    );
    clients.push(client);
    return client;
  };
  const client = openClient();
  await authConfirmed.get(client);
  let closed: Promise<void> | undefined;
  return {
    url,
    client,
    stderrLines,
    startupMs,
    processGroup: child.pid!,
    token,
    openClient,
    close: () =>
      (closed ??= (async () => {
        try {
          await Promise.all(clients.map((c) => c.close()));
        } finally {
          await stop();
        }
      })()),
  };
}

/** Resolves with the first subscription value accepted by `accept`, or rejects after `timeoutMs`. */
export function waitForValue<T>(
  subscribe: (onValue: (value: T) => void, onError: (error: Error) => void) => () => void,
  accept: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let unsubscribe: (() => void) | undefined;
    const finish = (outcome: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      outcome();
      queueMicrotask(() => unsubscribe?.());
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    unsubscribe = subscribe(
      (value) => {
        if (accept(value)) finish(() => resolve(value));
      },
      (error) => finish(() => reject(error)),
    );
    if (done) unsubscribe();
  });
}
