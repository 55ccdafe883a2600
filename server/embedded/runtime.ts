/**
 * The app's Convex functions on convex-test's runtime, with the workflow component (and the workpool and
 * batch-worker components it nests) registered the way their `register()` test helpers do, but with module
 * maps built by hand since tsx has no `import.meta.glob`. Real timers: scheduled functions run for real.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { convexTest } from "convex-test";
import {
  makeFunctionReference,
  type GenericDataModel,
  type GenericMutationCtx,
  type GenericSchema,
  type SchemaDefinition,
  type UserIdentity,
} from "convex/server";
import type { Value } from "convex/values";
import { installFastDocumentValidation, withFastFunctionValidation } from "./fastValidation";
import {
  callFunctionAt,
  cancelPendingScheduledJobs,
  captureRuntimeInternals,
  type ConvexTestRoot,
  guardConvexTest,
  hasComponent,
  patchScheduledJob,
  installIndexes,
  onTransactionLockWait,
  ReadTracker,
  committedDocument,
  committedDocumentsOfTable,
  ScheduledTargets,
  setScheduledJobState,
  type CommittedWrites,
  trackScheduledTargets,
  unfinishedScheduledJobs,
  type RuntimeInternals,
  type ScheduledJob,
} from "./convexTestInternals";
import { refuseAllTokens, type TokenVerifier } from "./identityToken";
import { CONVEX_ACTION_TIME_LIMIT_MS, withActionTimeLimit } from "./actionTimeLimit";
import { buildModuleMap, type ModuleLoaders } from "./moduleMap";
import type { FunctionTrace } from "./functionTrace";

export type FunctionKind = "query" | "mutation" | "action";
export type FunctionArgs = Record<string, Value>;

/**
 * Components the app's convex.config.ts uses, nested as their `register()` test helpers nest them. `within`: the
 * package whose own node_modules holds this one (the rate limiter pins a newer batch-worker than the workpool).
 */
export const EMBEDDED_COMPONENTS: readonly { componentPath: string; packageName: string; within?: string }[] = [
  { componentPath: "workflow", packageName: "@convex-dev/workflow" },
  { componentPath: "workflow/workpool", packageName: "@convex-dev/workpool" },
  { componentPath: "workflow/workpool/batchWorker", packageName: "@convex-dev/batch-worker", within: "@convex-dev/workpool" },
  { componentPath: "rateLimiter", packageName: "@convex-dev/rate-limiter" },
  { componentPath: "rateLimiter/batchWorker", packageName: "@convex-dev/batch-worker", within: "@convex-dev/rate-limiter" },
];

/** Thrown for calls a real deployment would refuse (unknown function, internal function, wrong kind). */
export class FunctionCallError extends Error {
  constructor(
    readonly code: "FUNCTION_NOT_FOUND" | "FUNCTION_NOT_PUBLIC" | "WRONG_FUNCTION_KIND",
    message: string,
  ) {
    super(message);
  }
}

function findPackageDir(startDir: string, packageName: string): string {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", packageName);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Cannot find ${packageName} in node_modules above ${startDir}`);
  }
}

async function importDefault<T>(file: string): Promise<T> {
  const module = (await import(pathToFileURL(file).href)) as { default: T };
  return module.default;
}

type RegisteredFunction = { isQuery?: boolean; isMutation?: boolean; isAction?: boolean; isPublic?: boolean };

/** `"marketing:getRun"`, `"marketing.js:getRun"` and `"marketing"` (default export) name the same function, as in the client. */
export function splitUdfPath(udfPath: string): { modulePath: string; exportName: string } {
  const colon = udfPath.lastIndexOf(":");
  let modulePath = colon === -1 ? udfPath : udfPath.slice(0, colon);
  const exportName = colon === -1 ? "default" : udfPath.slice(colon + 1);
  if (modulePath.endsWith(".js")) modulePath = modulePath.slice(0, -3);
  return { modulePath, exportName };
}

export type EmbeddedRuntimeOptions = {
  /** Directory holding the functions directory (and, above it, node_modules). */
  projectDir: string;
  /** Functions directory name inside projectDir (convex.json's "functions"). */
  functionsDir?: string;
  logError?: (message: string) => void;
  /** Times every function's handler (EMBEDDED_TRACE_FILE). */
  trace?: FunctionTrace | null;
};

/** The error an action interrupted by a restart fails with (what the workpool's retry sees). */
export const INTERRUPTED_ACTION_ERROR = "Interrupted: the embedded backend stopped while this action ran; it counts as a failed attempt.";

const WORKPOOL_COMPONENT_PATHS = EMBEDDED_COMPONENTS.filter(({ packageName }) => packageName === "@convex-dev/workpool").map(
  ({ componentPath }) => componentPath,
);

/** `./convex/marketing.ts` → `marketing`, for every key under `prefix`. */
function stripModuleKeys(modules: ModuleLoaders, prefix: string): Map<string, () => Promise<unknown>> {
  return new Map(
    Object.entries(modules)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, load]) => [key.slice(prefix.length).replace(/\.[^./]+$/, ""), load]),
  );
}

type WorkpoolRunningJob = { workId: string; scheduledId: string; started: number };

/** The workpool's action batch (`worker:runBatch`, @convex-dev/workpool 0.4): each item runs one attempt of one work. */
const WORKPOOL_BATCH_UDF = "worker:runBatch";
type WorkpoolBatchItem = { workId: string; attempt: number };

/**
 * How many times one interrupted workpool batch is run again as the same attempt. A crash of the machine is
 * not the action's failure: counting it would let ten `kill -9`s during one step use up its retries and fail
 * the run. Past this (an action that itself takes the process down, e.g. out of memory), the interruption
 * counts as a failed attempt and the workpool's retry policy decides.
 */
export const MAX_INTERRUPTED_REPLAYS = 5;

/**
 * A workpool's main loop is a batch-worker (`<workpool>/batchWorker`, @convex-dev/batch-worker 0.2) that,
 * while busy, polls its queue tables every 200 ms; a ping from new work is a no-op then (waits up to its
 * 1 s "running" threshold). Each workflow step crosses that queue twice (step queued, workflow handler
 * queued), so a run paid ~100–200 ms per step boundary doing nothing.
 */
const WORKPOOL_QUEUE_TABLES = new Set(["pendingStart", "pendingCompletion", "pendingCancelation"]);
const BATCH_WORKER_LOOP_UDF = "loop:loop";
const BATCH_WORKER_RUNNING_THRESHOLD_MS = 1_000;

/**
 * The workpool's running jobs (its `internalState.running`, @convex-dev/workpool 0.4) whose scheduled
 * function was interrupted, in the shape its `recovery:recover` mutation takes. Shape-checked: an unknown
 * shape recovers nothing (the workpool's own 5-minute recovery still applies).
 */
function interruptedWorkpoolJobs(
  internals: RuntimeInternals,
  componentPath: string,
  interruptedIds: Set<string>,
): { workId: string; scheduledId: string; attempt: number; started: number }[] {
  if (!hasComponent(internals, componentPath) || interruptedIds.size === 0) return [];
  const jobs: { workId: string; scheduledId: string; attempt: number; started: number }[] = [];
  for (const doc of committedDocumentsOfTable(internals, componentPath, "internalState")) {
    if (!Array.isArray(doc.running)) continue;
    for (const entry of doc.running as WorkpoolRunningJob[]) {
      if (typeof entry?.workId !== "string" || typeof entry.scheduledId !== "string" || typeof entry.started !== "number") continue;
      if (!interruptedIds.has(entry.scheduledId)) continue;
      const work = committedDocument(internals, componentPath, entry.workId);
      if (!work || typeof work.attempts !== "number") continue;
      jobs.push({ workId: entry.workId, scheduledId: entry.scheduledId, attempt: work.attempts, started: entry.started });
    }
  }
  return jobs;
}

function isWorkpoolBatch(job: ScheduledJob): boolean {
  return WORKPOOL_COMPONENT_PATHS.includes(job.componentPath) && job.targetComponentPath === job.componentPath && job.udfPath === WORKPOOL_BATCH_UDF;
}

/**
 * The same loaders, each importing its module outside every function's context. convex-test imports a module
 * on its first call, in the caller's context: a workflow handler runs with `process` (and Date, Math…)
 * replaced by its deterministic environment, so a module first needed there (the run's onComplete right
 * after a restart) evaluated its top-level `process.env` reads against `undefined`, threw, and stayed broken
 * until the process exited: the run never settled. A deployment never evaluates a module inside another
 * function's globals either.
 */
function importedOutsideFunctions(loaders: ModuleLoaders, runOutsideFunctions: <R>(callback: () => R) => R): ModuleLoaders {
  return Object.fromEntries(Object.entries(loaders).map(([key, load]) => [key, () => runOutsideFunctions(load)]));
}

/**
 * Imports every function module once, one at a time. A module that throws is logged and left to fail the
 * calls that need it (the failed import is cached, so they report the same error), as a deployment would.
 */
async function preloadModules(maps: ModuleLoaders[], logError: (message: string) => void): Promise<void> {
  for (const loaders of maps) {
    for (const [key, load] of Object.entries(loaders)) {
      // Component definitions only evaluate under the Convex CLI; they hold no functions.
      if (/(^|\/)convex\.config\.[jt]s$/.test(key)) continue;
      try {
        await load();
      } catch (error) {
        logError(`module ${key} failed to load: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

export class EmbeddedRuntime {
  private readonly rearmedTimers = new Set<ReturnType<typeof setTimeout>>();
  private readonly wakingLoops = new Set<string>();
  private halted = false;
  readonly scheduledTargets = new ScheduledTargets();
  /** Records the tables a function reads (the sync protocol's subscriptions re-run only after writes to them). */
  readonly readTracker: ReadTracker;
  /** Turns a client's token into an identity or throws: set by the backend from convex/auth.config.ts. */
  verifyToken: TokenVerifier = refuseAllTokens;
  /**
   * Resolves once every commit so far is on disk: set by the backend to its write-ahead log's group sync.
   * Every answer a caller gets (results, errors, query values) waits for it, so nothing a client was told
   * about can be lost to a crash, while commits no one waits on never block the event loop on the disk.
   */
  whenDurable: () => Promise<void> = () => Promise.resolve();

  private constructor(
    private readonly root: ConvexTestRoot,
    readonly internals: RuntimeInternals,
    private readonly appModules: Map<string, () => Promise<unknown>>,
    /** Module loaders of each registered component, keyed like appModules ("pool", "journal"). */
    private readonly componentModules: Map<string, Map<string, () => Promise<unknown>>>,
    /** Runs a callback outside every convex-test AsyncLocalStorage context (timers created in a function would inherit it). */
    readonly runOutsideFunctions: <R>(callback: () => R) => R,
    private readonly logError: (message: string) => void,
  ) {
    this.readTracker = new ReadTracker(internals);
  }

  static async create({ projectDir, functionsDir = "convex", logError = console.error, trace = null }: EmbeddedRuntimeOptions): Promise<EmbeddedRuntime> {
    const traced = (loaders: ModuleLoaders, prefix: string) => (trace ? trace.wrapModules(loaders, prefix) : loaders);
    const runOutsideFunctions = AsyncLocalStorage.snapshot();
    const functionsPath = path.join(projectDir, functionsDir);
    const schemaFile = ["schema.ts", "schema.js"].map((name) => path.join(functionsPath, name)).find((file) => existsSync(file));
    if (!schemaFile) throw new Error(`No schema.ts in ${functionsPath}`);
    const schema = await importDefault<SchemaDefinition<GenericSchema, boolean>>(schemaFile);
    const actionLimitMs = Number(process.env.EMBEDDED_ACTION_TIME_LIMIT_MS) || CONVEX_ACTION_TIME_LIMIT_MS;
    const modules = withActionTimeLimit(
      traced(withFastFunctionValidation(importedOutsideFunctions(buildModuleMap(projectDir, functionsDir, [".ts", ".js"]), runOutsideFunctions)), ""),
      actionLimitMs,
      runOutsideFunctions,
    );
    const root = guardConvexTest(convexTest(schema, modules));
    const componentModules = new Map<string, Map<string, () => Promise<unknown>>>();
    const componentLoaders: ModuleLoaders[] = [];
    for (const { componentPath, packageName, within } of EMBEDDED_COMPONENTS) {
      const searchFrom = within ? findPackageDir(projectDir, within) : projectDir;
      const distDir = path.join(findPackageDir(searchFrom, packageName), "dist");
      const componentSchema = await importDefault<SchemaDefinition<GenericSchema, boolean>>(path.join(distDir, "component", "schema.js"));
      const loaders = importedOutsideFunctions(buildModuleMap(distDir, "component", [".js"]), runOutsideFunctions);
      const limited = withActionTimeLimit(traced(withFastFunctionValidation(loaders), `${componentPath}/`), actionLimitMs, runOutsideFunctions);
      root.registerComponent(componentPath, componentSchema, limited);
      componentLoaders.push(limited);
      componentModules.set(componentPath, stripModuleKeys(loaders, "./component/"));
    }
    // Every module is imported before anything runs, as a deployment has its functions bundled and analyzed
    // before it serves them: otherwise a run's first steps pay for importing their modules (the Places and
    // audit actions pull in their HTTP clients and parsers), a second or more on a cold process.
    await preloadModules([modules, ...componentLoaders], logError);
    const internals = await captureRuntimeInternals((handler) => root.run(handler));
    installIndexes(internals);
    installFastDocumentValidation(internals);
    if (trace) onTransactionLockWait(internals, (t0, t1) => trace.record({ k: "lock", t0, t1 }));
    const appModules = stripModuleKeys(modules, `./${functionsDir}/`);
    const runtime = new EmbeddedRuntime(root, internals, appModules, componentModules, runOutsideFunctions, logError);
    trackScheduledTargets(internals, runtime.scheduledTargets);
    return runtime;
  }

  /** The registered function at `udfPath` in the app (or in the component at `componentPath`), or undefined. */
  async findFunction(udfPath: string, componentPath = ""): Promise<RegisteredFunction | undefined> {
    const { modulePath, exportName } = splitUdfPath(udfPath);
    const modules = componentPath === "" ? this.appModules : this.componentModules.get(componentPath);
    const load = modules?.get(modulePath);
    if (!load) return undefined;
    const module = (await load()) as Record<string, RegisteredFunction | undefined>;
    return module[exportName];
  }

  private async assertCallable(udfPath: string, kind: FunctionKind): Promise<void> {
    const fn = await this.findFunction(udfPath);
    const isKind = { query: fn?.isQuery, mutation: fn?.isMutation, action: fn?.isAction }[kind];
    if (!fn || !(fn.isQuery || fn.isMutation || fn.isAction)) {
      throw new FunctionCallError("FUNCTION_NOT_FOUND", `Could not find public function for '${udfPath}'. Did you forget to run \`npx convex dev\`?`);
    }
    if (!fn.isPublic) throw new FunctionCallError("FUNCTION_NOT_PUBLIC", `Could not find public function for '${udfPath}' (it is internal).`);
    if (!isKind) throw new FunctionCallError("WRONG_FUNCTION_KIND", `Trying to execute ${udfPath} as ${kind}, but it is defined as another kind.`);
  }

  /** Calls a public function of the app as a client would, optionally as an authenticated user. */
  async callPublic(kind: FunctionKind, udfPath: string, args: FunctionArgs, identity?: Partial<UserIdentity> | null): Promise<Value> {
    await this.assertCallable(udfPath, kind);
    const accessor = identity ? this.root.withIdentity(identity) : this.root;
    const reference = makeFunctionReference(udfPath);
    try {
      return await accessor[kind](reference, args);
    } finally {
      await this.whenDurable();
    }
  }

  /** Runs the app's HTTP action routed at `pathQueryFragment` (convex/http.ts), as the site URL of a deployment does. */
  async fetchHttpAction(pathQueryFragment: string, init: RequestInit, identity?: Partial<UserIdentity> | null): Promise<Response> {
    const accessor = identity ? this.root.withIdentity(identity) : this.root;
    try {
      return await accessor.fetch(pathQueryFragment, init);
    } finally {
      await this.whenDurable();
    }
  }

  /** Runs `handler` as one mutation transaction of the app with a raw `ctx` (seeding data in benches and tools). */
  async runTransaction<T>(handler: (ctx: GenericMutationCtx<GenericDataModel>) => Promise<T>): Promise<T> {
    try {
      return (await this.root.run(handler as (ctx: unknown) => Promise<unknown>)) as T;
    } finally {
      await this.whenDurable();
    }
  }

  /** Calls any function of the app (internal ones included). */
  async callInternal(kind: FunctionKind, udfPath: string, args: FunctionArgs): Promise<Value> {
    try {
      return await this.root[kind](makeFunctionReference(udfPath), args);
    } finally {
      await this.whenDurable();
    }
  }

  /**
   * Resumes after a restart, as a deployment does. Scheduled functions live only as timers of the process
   * that scheduled them, so after a restore:
   * - a scheduled mutation that was running is run again (its writes were never committed, or it committed
   *   in the last instant before the crash: the same window a deployment's at-least-once retry has);
   * - a workpool action batch that was running (a workflow step's attempt) runs again as the same attempt,
   *   without the items that completed before the crash, up to MAX_INTERRUPTED_REPLAYS times;
   * - any other scheduled action that was running is marked failed, and each workpool is told at once (its
   *   recovery mutation) instead of noticing after its 5-minute recovery threshold, so it retries the attempt
   *   per its retry policy and the workflow continues from its journal;
   * - pending ones get real timers again, with their original ids.
   * Every state change is passed to `persist` (the write-ahead log) before anything else runs.
   */
  async resumeScheduledJobs(
    persist: (writes: CommittedWrites) => void = () => {},
  ): Promise<{ rearmed: number; replayed: number; failed: number; recovered: number }> {
    let rearmed = 0;
    let replayed = 0;
    let failed = 0;
    const failedByComponent = new Map<string, Set<string>>();
    const toArm: ScheduledJob[] = [];
    for (const job of unfinishedScheduledJobs(this.internals, this.scheduledTargets)) {
      if (job.state === "inProgress") {
        const fn = await this.findFunction(job.udfPath, job.targetComponentPath);
        const interruptions = Number(committedDocument(this.internals, job.componentPath, job.jobId)?.interruptions ?? 0) + 1;
        if (fn?.isAction && isWorkpoolBatch(job) && interruptions <= MAX_INTERRUPTED_REPLAYS) {
          // The same attempt again (items that finished before the crash are dropped when it starts).
          persist(setScheduledJobState(this.internals, job.componentPath, job.jobId, { state: { kind: "pending" }, interruptions }));
          toArm.push(job);
          replayed += 1;
          continue;
        }
        if (fn?.isAction) {
          persist(
            setScheduledJobState(this.internals, job.componentPath, job.jobId, {
              state: { kind: "failed", error: INTERRUPTED_ACTION_ERROR },
              completedTime: Date.now(),
            }),
          );
          failed += 1;
          let ids = failedByComponent.get(job.componentPath);
          if (!ids) failedByComponent.set(job.componentPath, (ids = new Set()));
          ids.add(job.jobId);
          continue;
        }
        persist(setScheduledJobState(this.internals, job.componentPath, job.jobId, { state: { kind: "pending" } }));
      }
      toArm.push(job);
    }
    let recovered = 0;
    for (const componentPath of WORKPOOL_COMPONENT_PATHS) {
      const jobs = interruptedWorkpoolJobs(this.internals, componentPath, failedByComponent.get(componentPath) ?? new Set());
      if (jobs.length === 0) continue;
      await callFunctionAt(this.root, { componentPath, udfPath: "recovery:recover" }, { jobs });
      recovered += jobs.length;
    }
    for (const job of toArm) {
      this.runOutsideFunctions(() => {
        const timer = setTimeout(
          () => {
            this.rearmedTimers.delete(timer);
            void this.runRearmedJob(job);
          },
          Math.max(0, job.scheduledTime - Date.now()),
        );
        this.rearmedTimers.add(timer);
      });
      rearmed += 1;
    }
    return { rearmed: rearmed - replayed, replayed, failed, recovered };
  }

  /**
   * A workpool batch's items whose attempt is still the current one: the work exists, its attempt number has
   * not moved on and no completion is waiting for it. (Items that completed before a crash must not run twice.)
   */
  private currentBatchItems(componentPath: string, items: WorkpoolBatchItem[]): WorkpoolBatchItem[] {
    const completing = new Set(committedDocumentsOfTable(this.internals, componentPath, "pendingCompletion").map((doc) => doc.workId));
    return items.filter((item) => {
      const work = committedDocument(this.internals, componentPath, item.workId);
      return work !== null && work.attempts === item.attempt && !completing.has(item.workId);
    });
  }

  /** Mirrors convex-test's own `runScheduledFunction`: pending → inProgress → success | failed. */
  private async runRearmedJob(job: ScheduledJob): Promise<void> {
    if (this.halted) return;
    const setState = (state: Record<string, Value>) => patchScheduledJob(this.root, this.internals, job, state);
    const started = await patchScheduledJob(this.root, this.internals, job, { state: { kind: "inProgress" } }, { ifPending: true });
    if (!started) return;
    let args = job.args;
    if (isWorkpoolBatch(job) && Array.isArray(args.items)) {
      const items = this.currentBatchItems(job.componentPath, args.items as WorkpoolBatchItem[]);
      if (items.length === 0) {
        await setState({ state: { kind: "success" } });
        return;
      }
      args = { ...args, items };
    }
    try {
      await callFunctionAt(this.root, { componentPath: job.targetComponentPath, udfPath: job.udfPath }, args);
    } catch (error) {
      this.logError(`Error when running scheduled function ${job.udfPath}: ${error instanceof Error ? error.message : String(error)}`);
      await setState({ state: { kind: "failed", error: error instanceof Error ? error.message : String(error) }, completedTime: Date.now() });
      return;
    }
    await setState({ state: { kind: "success" } });
  }

  /**
   * Called after every top-level commit: work added to a workpool's queue wakes its polling loop at once
   * instead of at its next poll, as the ping that came with the work would if the loop were idle.
   */
  noteCommit(writes: CommittedWrites): void {
    if (this.halted) return;
    for (const componentPath of WORKPOOL_COMPONENT_PATHS) {
      const ids = writes.get(componentPath);
      const loopComponent = `${componentPath}/batchWorker`;
      if (!ids || this.wakingLoops.has(loopComponent) || !hasComponent(this.internals, loopComponent)) continue;
      if (!ids.some((id) => WORKPOOL_QUEUE_TABLES.has(id.slice(id.search(/[^0-9]/))))) continue;
      this.wakingLoops.add(loopComponent);
      this.runOutsideFunctions(() =>
        setImmediate(() => {
          this.wakingLoops.delete(loopComponent);
          void this.wakePollingLoop(loopComponent);
        }),
      );
    }
  }

  /**
   * Runs a batch-worker's loop now if its next run is a poll due within the "running" threshold: the
   * pending run is canceled (as the batch-worker's own wake-up does when it interrupts a wait) and the loop
   * runs with the same generation, then schedules itself as usual.
   */
  private async wakePollingLoop(componentPath: string): Promise<void> {
    for (const workerState of committedDocumentsOfTable(this.internals, componentPath, "workerState")) {
      const runnerId = workerState.runnerId;
      if (typeof runnerId !== "string" || this.halted) continue;
      const runner = committedDocument(this.internals, componentPath, runnerId);
      if (!runner || runner.name !== BATCH_WORKER_LOOP_UDF || (runner.state as { kind?: string }).kind !== "pending") continue;
      const wait = (runner.scheduledTime as number) - Date.now();
      if (wait <= 0 || wait > BATCH_WORKER_RUNNING_THRESHOLD_MS) continue;
      const taken = await patchScheduledJob(
        this.root,
        this.internals,
        { componentPath, jobId: runnerId },
        { state: { kind: "canceled" } },
        { ifPending: true },
      );
      if (!taken) continue;
      try {
        await callFunctionAt(this.root, { componentPath, udfPath: BATCH_WORKER_LOOP_UDF }, (runner.args as Record<string, Value>[])[0] ?? {});
      } catch (error) {
        // As when a scheduled loop run fails: the batch-worker's monitor restarts the loop.
        this.logError(`Error when waking ${componentPath}'s loop: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Stops work this runtime would still start: re-armed timers, and convex-test's own timers (their jobs become canceled). */
  halt(): void {
    this.halted = true;
    for (const timer of this.rearmedTimers) clearTimeout(timer);
    this.rearmedTimers.clear();
    cancelPendingScheduledJobs(this.internals);
  }
}
