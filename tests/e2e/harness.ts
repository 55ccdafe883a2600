/**
 * Starts the product the way a user does (`npm run dev` → `tsx server/dev.ts`) for browser tests,
 * and stops it without leaving a process behind.
 *
 * Ports: every service gets a free random port (EMBEDDED_PORT, DEMO_WEB_PORT, DASHBOARD_PORT; dev.ts
 * points the dashboard at the embedded backend's port), chosen once and kept across restarts so an
 * open page reconnects. The suite runs beside a developer's own `npm run dev`.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from "playwright-core";
import { afterAll, beforeAll, describe } from "vitest";
import { readSnapshotFile } from "../../server/embedded/snapshotFile";
import { readLog } from "../../server/embedded/writeAheadLog";
import { waitFor } from "../waitFor";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-results/e2e");

const HOST = "127.0.0.1";
const CHROMIUM_PATH = "/usr/bin/chromium";
const READY_TIMEOUT_MS = 120_000;
/** dev.ts waits 8 s for its children before it SIGKILLs them; give it a little longer. */
const STOP_GRACE_MS = 20_000;

export type ChromiumCheck = { available: true } | { available: false; reason: string };

export function checkChromium(): ChromiumCheck {
  if (existsSync(CHROMIUM_PATH)) return { available: true };
  return { available: false, reason: `${CHROMIUM_PATH} is missing (Debian: apt-get install chromium; CI installs it in .ci/run)` };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-quic",
      "--disable-sync",
    ],
  });
}

export interface StopResult {
  /** The launcher exited by itself after SIGTERM, within the grace period. */
  exitedOnSigterm: boolean;
  /** Processes of the product that had to be SIGKILLed (0 when it stopped cleanly). */
  killed: number;
}

export interface RunningProduct {
  dashboardUrl: string;
  backendUrl: string;
  demoWebUrl: string;
  dataFile: string;
  /** Everything the launcher printed so far (for failure messages). */
  output(): string;
  /** SIGTERM to the launcher (as Ctrl-C would), wait for it to exit; SIGKILL whatever is left. */
  stop(): Promise<StopResult>;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

interface ProcessRow {
  pid: number;
  ppid: number;
  pgid: number;
}

function processTable(): ProcessRow[] {
  const text = execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid="], { encoding: "utf8" });
  return text
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter((cols) => cols.length === 3 && cols.every(Number.isInteger))
    .map(([pid, ppid, pgid]) => ({ pid, ppid, pgid }));
}

/** The launcher and every process below it (dev.ts puts each service in its own process group). */
function processTree(rootPid: number): ProcessRow[] {
  const rows = processTable();
  const found = new Map<number, ProcessRow>();
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    for (const row of rows) {
      if ((row.pid === pid || row.ppid === pid) && !found.has(row.pid)) {
        found.set(row.pid, row);
        if (row.pid !== pid) queue.push(row.pid);
      }
    }
  }
  return [...found.values()];
}

/** Running (a zombie counts as gone: it has exited, only its parent has not reaped it, and PID 1 here may never). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}

function killGroups(rows: readonly ProcessRow[]): void {
  for (const pgid of new Set(rows.map((r) => r.pgid))) {
    try {
      process.kill(-pgid, "SIGKILL");
    } catch {
      // Group already gone.
    }
  }
  for (const row of rows) {
    try {
      process.kill(row.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }
}

/** Env of a user with no keys and no deployment: keyless providers, nothing from the test runner. */
interface ProductPorts {
  backend: number;
  /** The embedded backend's HTTP actions (CONVEX_SITE_URL): fixed across restarts, so sessions survive them. */
  site: number;
  demoWeb: number;
  dashboard: number;
}
let productPorts: ProductPorts | undefined;

async function choosePorts(): Promise<ProductPorts> {
  productPorts ??= { backend: await freePort(), site: await freePort(), demoWeb: await freePort(), dashboard: await freePort() };
  return productPorts;
}

function productEnv(dataFile: string, ports: ProductPorts, demoWebLatencyMs = 0): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith("VITEST") || key.startsWith("VITE_")) delete env[key];
  }
  for (const key of [
    "NODE_ENV",
    "TEST",
    "GOOGLE_PLACES_API_KEY",
    "FIRECRAWL_API_KEY",
    "OPENAI_API_KEY",
    "DEMO_WEB_ORIGIN",
    "EMBEDDED_HOST",
    "EMBEDDED_PROJECT_DIR",
    "CRAWL_PROVIDER",
    "JWT_PRIVATE_KEY",
    "JWKS",
    "SITE_URL",
    "CONVEX_SITE_URL",
  ]) {
    delete env[key];
  }
  return {
    ...env,
    EMBEDDED_PORT: String(ports.backend),
    EMBEDDED_SITE_PORT: String(ports.site),
    DASHBOARD_PORT: String(ports.dashboard),
    EMBEDDED_DATA_FILE: dataFile,
    DEMO_WEB_PORT: String(ports.demoWeb),
    DEMO_WEB_LATENCY_MS: String(demoWebLatencyMs),
    LLM_PROVIDER: "heuristic",
    PLACES_PROVIDER: "demo",
    // Keys in the developer's .env.local/.env must not reach the product under test.
    ATLAS_ENV_FILES: "0",
  };
}

const SERVICE_LINE = /^(dashboard \(vite\)|embedded backend|demo websites)\s+(http:\/\/\S+)/;

const started = new Set<ChildProcess>();
// Last resort if the test process itself exits without teardown: no orphaned dev servers.
process.once("exit", () => {
  for (const child of started) if (child.pid !== undefined) killGroups(processTree(child.pid));
});

/** `demoWebLatencyMs` slows every demo-site response, so a test can see a run while it is still going. */
export async function startProduct({ dataFile, demoWebLatencyMs }: { dataFile: string; demoWebLatencyMs?: number }): Promise<RunningProduct> {
  const ports = await choosePorts();
  for (const port of Object.values(ports)) {
    if (await portAccepts(port)) throw new Error(`Port ${port} is still in use: the previous product did not stop.`);
  }
  const child = spawn(process.execPath, [path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs"), "server/dev.ts"], {
    cwd: REPO_ROOT,
    env: productEnv(dataFile, ports, demoWebLatencyMs),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  started.add(child);
  let output = "";
  const urls = new Map<string, string>();
  const onLine = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    for (const line of text.split("\n")) {
      const match = SERVICE_LINE.exec(line.trim());
      if (match) urls.set(match[1], match[2]);
    }
  };
  child.stdout!.on("data", onLine);
  child.stderr!.on("data", onLine);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // The tree is read while the launcher is alive: once it is gone its children are re-parented.
  let knownTree: ProcessRow[] = [];

  const stop = async (): Promise<StopResult> => {
    if (child.pid === undefined) return { exitedOnSigterm: false, killed: 0 };
    knownTree = [...knownTree, ...processTree(child.pid)];
    let exitedOnSigterm = false;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
      exitedOnSigterm = child.exitCode !== null || child.signalCode !== null;
    }
    const leftovers = knownTree.filter((row) => alive(row.pid));
    if (leftovers.length > 0) killGroups(leftovers);
    started.delete(child);
    const stillAlive = () => knownTree.filter((row) => alive(row.pid)).map((row) => row.pid);
    // SIGKILL is not instant: wait until the kernel has taken them down.
    await waitFor(() => stillAlive().length === 0, {
      timeoutMs: 5_000,
      intervalMs: 50,
      what: () => `the product's processes to be gone after SIGKILL (still alive: ${stillAlive().join(", ")})`,
    });
    return { exitedOnSigterm, killed: leftovers.length };
  };

  try {
    await waitFor(
      () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm run dev exited before it was ready:\n${output}`);
        return urls.size === 3;
      },
      { timeoutMs: READY_TIMEOUT_MS, intervalMs: 200, what: () => `npm run dev to report its three services:\n${output}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  knownTree = processTree(child.pid!);
  return {
    dashboardUrl: urls.get("dashboard (vite)")!,
    backendUrl: urls.get("embedded backend")!,
    demoWebUrl: urls.get("demo websites")!,
    dataFile,
    output: () => output,
    stop,
  };
}

const chromiumCheck = checkChromium();
// Locally a machine without Chromium skips with a reason; CI must never skip (the file's beforeAll fails instead).
const skipBrowserTests = !chromiumCheck.available && !process.env.CI;

/** `describe` for a file of browser tests: skipped, saying why, on a machine without Chromium (never in CI). */
export function describeInChromium(name: string, body: () => void): void {
  if (!chromiumCheck.available) process.stderr.write(`[e2e] ${chromiumCheck.reason}${skipBrowserTests ? ": skipping the browser tests." : ""}\n`);
  describe.skipIf(skipBrowserTests)(name, body);
}

export interface ProductInBrowser {
  /** The product as `npm run dev` runs it (a new one after `start()`). */
  readonly product: RunningProduct;
  readonly browser: Browser;
  /** The context of `page`. */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors in `page` (tests add other pages' with `page.on("pageerror", …)`). */
  readonly pageErrors: string[];
  /** Starts the product again on the same data file and ports, after `product.stop()` (a restart). */
  start(): Promise<RunningProduct>;
}

/**
 * The set-up of a file of browser tests, as hooks: a temporary data folder, the product started on it, Chromium
 * with one context and page; after the file, all of it stopped and removed. Use inside `describeInChromium`.
 */
export function useProductInBrowser(options: {
  /** Names the temporary data folder. */
  name: string;
  viewport: { width: number; height: number };
  /** Slows every demo-site response (see `startProduct`). */
  demoWebLatencyMs?: number;
  /** More options of the page's context (downloads, permissions). */
  context?: BrowserContextOptions;
  /** Runs on the context before the page opens (init scripts). */
  prepareContext?: (context: BrowserContext) => Promise<void>;
}): ProductInBrowser {
  let tempDir: string | undefined;
  let dataFile = "";
  let product: RunningProduct | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  const start = async () => (product = await startProduct({ dataFile, demoWebLatencyMs: options.demoWebLatencyMs }));

  beforeAll(async () => {
    if (!chromiumCheck.available) throw new Error(`${chromiumCheck.reason}. CI must run the browser tests, not skip them.`);
    tempDir = mkdtempSync(path.join(tmpdir(), `atlas-e2e-${options.name}-`));
    dataFile = path.join(tempDir, "embedded-db.json");
    await start();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: options.viewport, ...options.context });
    await options.prepareContext?.(context);
    page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    try {
      await product?.stop();
    } finally {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    }
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the product and browser start in beforeAll: use them inside a test");
    return value;
  };
  return {
    get product() {
      return started(product);
    },
    get browser() {
      return started(browser);
    },
    get context() {
      return started(context);
    },
    get page() {
      return started(page);
    },
    pageErrors,
    start,
  };
}

/** A scheduled function (a workflow step's action, a workpool loop…) that has not finished. */
export interface UnfinishedJob {
  name: string;
  state: "pending" | "inProgress";
  scheduledTime: number;
}

const SCHEDULED_FUNCTION_ID = /^[0-9]+_scheduled_functions$/;
type LoggedCommit = { components: Record<string, { writes: [string, Record<string, unknown> | null][] }> };

function snapshotStamp(dataFile: string): string {
  const stat = statSync(dataFile, { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.mtimeMs}` : "none";
}

/**
 * The product's scheduled functions that are running, or due to run within `horizonMs`, in every component, read
 * from its data file as a restart would (snapshot, then the write-ahead logs): what the backend still has in
 * flight. An action still fetching pages counts until it returns. Read again if a compaction replaced the
 * snapshot meanwhile.
 */
export async function unfinishedScheduledFunctions(dataFile: string, horizonMs = 60_000): Promise<UnfinishedJob[]> {
  for (;;) {
    const stamp = snapshotStamp(dataFile);
    const jobs = new Map<string, Record<string, unknown>>();
    const snapshot = await readSnapshotFile(dataFile);
    for (const [componentPath, { documents }] of Object.entries(snapshot?.components ?? {})) {
      for (const doc of documents as Record<string, unknown>[])
        if (SCHEDULED_FUNCTION_ID.test(String(doc._id))) jobs.set(`${componentPath}/${String(doc._id)}`, doc);
    }
    for (const file of [`${dataFile}.wal.old`, `${dataFile}.wal`]) {
      for (const record of readLog(file).records as LoggedCommit[]) {
        for (const [componentPath, { writes }] of Object.entries(record.components)) {
          for (const [id, doc] of writes) {
            if (!SCHEDULED_FUNCTION_ID.test(id)) continue;
            if (doc) jobs.set(`${componentPath}/${id}`, doc);
            else jobs.delete(`${componentPath}/${id}`);
          }
        }
      }
    }
    if (snapshotStamp(dataFile) !== stamp) continue;
    const due = Date.now() + horizonMs;
    return [...jobs.values()]
      .map((doc) => ({ name: String(doc.name), state: (doc.state as { kind: string }).kind, scheduledTime: Number(doc.scheduledTime) }))
      .filter((job): job is UnfinishedJob => job.state === "inProgress" || (job.state === "pending" && job.scheduledTime <= due));
  }
}
