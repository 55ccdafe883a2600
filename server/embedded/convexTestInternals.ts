/**
 * The few convex-test internals the embedded backend relies on.
 *
 * PIN NOTE: package.json pins convex-test to exactly 0.0.60 because this file reaches into private state
 * of its dist/index.js: the per-test "convex global" (held in a private AsyncLocalStorage), each component's
 * `DatabaseFake` (`_documents`, `_nextDocId`, `_lastCreationTime`, `_writes`, `get`, `patch`) and the
 * `TransactionManager` (`commit(isNested)`, `_lastCommitTs`), and its `asyncSyscall` hook (read on every call
 * through `globalThis.Convex`), wrapped to learn which component a scheduled function targets. tests/integration/embedded/convexTestInternals.test.ts
 * checks every one of them, so an upgrade that moves them fails loudly there instead of silently losing data.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";

export const PINNED_CONVEX_TEST_VERSION = "0.0.60";

type StoredDocument = Record<string, Value> & { _id: string; _creationTime: number };

/** convex-test's `DatabaseFake`, one per component path ("" is the app). */
export type FakeDatabase = {
  _documents: Record<string, StoredDocument>;
  _nextDocId: number;
  _lastCreationTime: number;
  _writes: Record<string, unknown>[];
  get(table: string, id: string): StoredDocument | null;
  patch(table: string, id: string, value: Record<string, Value>): void;
};

type TransactionManager = {
  commit(isNested: boolean): bigint | null;
  _lastCommitTs: bigint;
};

/** The object convex-test keeps in its private AsyncLocalStorage for one `convexTest()` instance. */
export type RuntimeInternals = {
  components: Record<string, { db: FakeDatabase }>;
  transactionManager: TransactionManager;
  asyncSyscall: (op: string, jsonArgs: string) => Promise<string>;
};

export class ConvexTestInternalsError extends Error {
  readonly code = "CONVEX_TEST_INTERNALS_CHANGED";
  constructor(detail: string) {
    super(
      `convex-test internals changed (${detail}). The embedded backend is written against convex-test ` +
        `${PINNED_CONVEX_TEST_VERSION}; keep that exact version or update server/embedded/convexTestInternals.ts.`,
    );
  }
}

function looksLikeRuntimeInternals(store: unknown): store is RuntimeInternals {
  if (typeof store !== "object" || store === null) return false;
  const candidate = store as Partial<RuntimeInternals>;
  return typeof candidate.components === "object" && typeof candidate.transactionManager === "object";
}

function assertShape(internals: RuntimeInternals): void {
  const manager = internals.transactionManager;
  if (typeof manager.commit !== "function") throw new ConvexTestInternalsError("TransactionManager.commit is missing");
  if (typeof manager._lastCommitTs !== "bigint") throw new ConvexTestInternalsError("TransactionManager._lastCommitTs is not a bigint");
  if (typeof internals.asyncSyscall !== "function") throw new ConvexTestInternalsError("the convex global has no asyncSyscall");
  for (const [componentPath, component] of Object.entries(internals.components)) {
    const db = component.db as Partial<FakeDatabase> | undefined;
    const where = `component "${componentPath}"`;
    if (!db) throw new ConvexTestInternalsError(`${where} has no db`);
    if (typeof db._documents !== "object" || db._documents === null) throw new ConvexTestInternalsError(`${where}: DatabaseFake._documents is missing`);
    if (typeof db._nextDocId !== "number") throw new ConvexTestInternalsError(`${where}: DatabaseFake._nextDocId is missing`);
    if (typeof db._lastCreationTime !== "number") throw new ConvexTestInternalsError(`${where}: DatabaseFake._lastCreationTime is missing`);
    if (!Array.isArray(db._writes)) throw new ConvexTestInternalsError(`${where}: DatabaseFake._writes is missing`);
    if (typeof db.get !== "function" || typeof db.patch !== "function") throw new ConvexTestInternalsError(`${where}: DatabaseFake.get/patch are missing`);
  }
}

/**
 * Finds the private state of one convex-test instance: every accessor method enters it with
 * `AsyncLocalStorage.run(convexGlobal, ...)`, so we watch that call once while running a no-op.
 * Call after every component is registered.
 */
export async function captureRuntimeInternals(run: (handler: () => Promise<null>) => Promise<unknown>): Promise<RuntimeInternals> {
  let captured: RuntimeInternals | undefined;
  const originalRun = AsyncLocalStorage.prototype.run;
  AsyncLocalStorage.prototype.run = function (this: AsyncLocalStorage<unknown>, store: unknown, ...rest: unknown[]) {
    if (captured === undefined && looksLikeRuntimeInternals(store)) captured = store;
    return (originalRun as (...args: unknown[]) => unknown).call(this, store, ...rest);
  } as typeof originalRun;
  try {
    await run(async () => null);
  } finally {
    AsyncLocalStorage.prototype.run = originalRun;
  }
  if (captured === undefined) throw new ConvexTestInternalsError("no convex global entered through AsyncLocalStorage.run");
  assertShape(captured);
  return captured;
}

/** Ids of the documents one committed transaction wrote (inserted, replaced, patched or deleted), per component path. */
export type CommittedWrites = Map<string, string[]>;

/**
 * Calls `listener` after every top-level commit with the documents it wrote, app tables and component
 * tables alike (nested commits only merge into their parent, so the outermost level holds them all). The
 * listener runs synchronously inside convex-test's commit, before the function's result goes back to its
 * caller: a listener that throws fails the call (its writes are then in memory but were never acknowledged).
 */
export function onTopLevelCommit(internals: RuntimeInternals, listener: (writes: CommittedWrites) => void): void {
  const manager = internals.transactionManager;
  const originalCommit = manager.commit.bind(manager);
  manager.commit = (isNested: boolean) => {
    const writes: CommittedWrites = new Map();
    if (!isNested) {
      for (const [componentPath, { db }] of Object.entries(internals.components)) {
        const pending = db._writes[db._writes.length - 1];
        if (pending === undefined) continue;
        const ids = Object.keys(pending);
        if (ids.length > 0) writes.set(componentPath, ids);
      }
    }
    const commitTs = originalCommit(isNested);
    if (!isNested) listener(writes);
    return commitTs;
  };
}

/** The timestamp (Unix nanoseconds) of the latest committed transaction. */
export function latestCommitTs(internals: RuntimeInternals): bigint {
  return internals.transactionManager._lastCommitTs;
}

/**
 * A `_scheduled_functions` row only stores the function's udfPath; a function scheduled through a function
 * handle (workpool calling back into the workflow component, the workflow calling the app's onComplete)
 * runs in another component. This remembers that target, keyed by the scheduling component and job id.
 */
export class ScheduledTargets {
  private readonly targets = new Map<string, string>();

  private static key(componentPath: string, jobId: string): string {
    return `${componentPath}\u0000${jobId}`;
  }

  /** The component the job runs in: recorded if it was scheduled across components, else the one holding its row. */
  targetOf(componentPath: string, jobId: string): string {
    return this.targets.get(ScheduledTargets.key(componentPath, jobId)) ?? componentPath;
  }

  record(componentPath: string, jobId: string, target: string): void {
    if (target !== componentPath) this.targets.set(ScheduledTargets.key(componentPath, jobId), target);
  }

  /** Entries for jobs that have not run yet (the others are dropped from memory too). */
  unfinished(internals: RuntimeInternals): Record<string, Record<string, string>> {
    const result: Record<string, Record<string, string>> = {};
    for (const [key, target] of this.targets) {
      const [componentPath, jobId] = key.split("\u0000");
      const doc = internals.components[componentPath]?.db._documents[jobId];
      const state = (doc?.state as { kind?: string } | undefined)?.kind;
      if (state !== "pending" && state !== "inProgress") {
        this.targets.delete(key);
        continue;
      }
      (result[componentPath] ??= {})[jobId] = target;
    }
    return result;
  }

  load(saved: Record<string, Record<string, string>>): void {
    for (const [componentPath, jobs] of Object.entries(saved)) {
      for (const [jobId, target] of Object.entries(jobs)) this.record(componentPath, jobId, target);
    }
  }
}

/** Where convex-test's "1.0/schedule" syscall resolves a function address (its getFunctionPathFromAddress). */
function scheduledTargetComponent(args: { functionHandle?: string; reference?: string }, current: string): string {
  if (args.functionHandle !== undefined) return args.functionHandle.split("function://")[1].split(";")[0];
  if (args.reference !== undefined) {
    const child = args.reference.split("/")[2];
    return current.length > 0 ? `${current}/${child}` : child;
  }
  return current;
}

/** Wraps the runtime's async syscalls to record cross-component scheduled functions in `targets`. */
export function trackScheduledTargets(internals: RuntimeInternals, targets: ScheduledTargets): void {
  const original = internals.asyncSyscall;
  internals.asyncSyscall = async (op, jsonArgs) => {
    const result = await original(op, jsonArgs);
    if (op === "1.0/schedule") {
      const metadata = JSON.parse(await original("1.0/getFunctionMetadata", "{}")) as { componentPath: string };
      const jobId = JSON.parse(result) as string;
      targets.record(metadata.componentPath, jobId, scheduledTargetComponent(JSON.parse(jsonArgs), metadata.componentPath));
    }
    return result;
  };
}

export type PersistedComponent = { nextDocId: number; lastCreationTime: number; documents: JSONValue[] };

export type PersistedDatabases = {
  format: "atlas-embedded-db/1";
  convexTestVersion: string;
  savedAt: string;
  lastCommitTs: string;
  components: Record<string, PersistedComponent>;
  /** Scheduling component → job id → component the job runs in, for unfinished cross-component jobs. */
  scheduledTargets: Record<string, Record<string, string>>;
};

/** Committed documents of the app and of every component (pending writes of a running transaction are not included). */
export function snapshotDatabases(internals: RuntimeInternals, targets: ScheduledTargets): PersistedDatabases {
  const components: Record<string, PersistedComponent> = {};
  for (const [componentPath, { db }] of Object.entries(internals.components)) {
    components[componentPath] = {
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      documents: Object.values(db._documents).map((doc) => convexToJson(doc)),
    };
  }
  return {
    format: "atlas-embedded-db/1",
    convexTestVersion: PINNED_CONVEX_TEST_VERSION,
    savedAt: new Date().toISOString(),
    lastCommitTs: internals.transactionManager._lastCommitTs.toString(),
    components,
    scheduledTargets: targets.unfinished(internals),
  };
}

/**
 * Puts a snapshot back before anything runs. Document ids are kept as they were, since the app and the
 * workflow component store ids inside other documents. Returns the component paths the snapshot had
 * but this runtime does not register (their data is dropped).
 */
export function restoreDatabases(internals: RuntimeInternals, targets: ScheduledTargets, snapshot: PersistedDatabases): string[] {
  const unknownComponents: string[] = [];
  for (const [componentPath, saved] of Object.entries(snapshot.components)) {
    const component = internals.components[componentPath];
    if (!component) {
      unknownComponents.push(componentPath);
      continue;
    }
    const documents: Record<string, StoredDocument> = {};
    for (const json of saved.documents) {
      const doc = jsonToConvex(json) as StoredDocument;
      documents[doc._id] = doc;
    }
    component.db._documents = documents;
    component.db._nextDocId = Math.max(component.db._nextDocId, saved.nextDocId);
    component.db._lastCreationTime = Math.max(component.db._lastCreationTime, saved.lastCreationTime);
  }
  targets.load(snapshot.scheduledTargets);
  const savedTs = BigInt(snapshot.lastCommitTs);
  if (savedTs > internals.transactionManager._lastCommitTs) internals.transactionManager._lastCommitTs = savedTs;
  return unknownComponents;
}

export type ScheduledJob = {
  /** Component whose `_scheduled_functions` holds the job. */
  componentPath: string;
  /** Component the function runs in. */
  targetComponentPath: string;
  jobId: string;
  udfPath: string;
  args: Record<string, Value>;
  scheduledTime: number;
  state: string;
};

const SCHEDULED_FUNCTION_ID = /^[0-9]+_scheduled_functions$/;

/** `_scheduled_functions` rows that had not finished (pending or inProgress), in every component. */
export function unfinishedScheduledJobs(internals: RuntimeInternals, targets: ScheduledTargets): ScheduledJob[] {
  const jobs: ScheduledJob[] = [];
  for (const [componentPath, { db }] of Object.entries(internals.components)) {
    for (const doc of Object.values(db._documents)) {
      if (!SCHEDULED_FUNCTION_ID.test(doc._id)) continue;
      const state = (doc.state as { kind: string }).kind;
      if (state !== "pending" && state !== "inProgress") continue;
      jobs.push({
        componentPath,
        targetComponentPath: targets.targetOf(componentPath, doc._id),
        jobId: doc._id,
        udfPath: doc.name as string,
        args: (doc.args as Record<string, Value>[])[0] ?? {},
        scheduledTime: doc.scheduledTime as number,
        state,
      });
    }
  }
  return jobs.sort((a, b) => a.scheduledTime - b.scheduledTime);
}

/** Marks every not-yet-run scheduled function canceled, so timers still armed in this process do nothing. */
export function cancelPendingScheduledJobs(internals: RuntimeInternals): void {
  for (const { db } of Object.values(internals.components)) {
    for (const doc of Object.values(db._documents)) {
      if (SCHEDULED_FUNCTION_ID.test(doc._id) && (doc.state as { kind: string }).kind === "pending") {
        db._documents[doc._id] = { ...doc, state: { kind: "canceled" } };
      }
    }
  }
}

/** One committed transaction as the write-ahead log stores it: the written documents' committed values (null: deleted). */
export type CommitRecord = {
  lastCommitTs: string;
  components: Record<string, { nextDocId: number; lastCreationTime: number; writes: [string, JSONValue | null][] }>;
  /** Cross-component targets of scheduled functions this transaction wrote. */
  scheduledTargets: Record<string, Record<string, string>>;
};

/** The committed state of the documents `writes` names, read after the commit (commit timestamps resolved). */
export function commitRecord(internals: RuntimeInternals, targets: ScheduledTargets, writes: CommittedWrites): CommitRecord {
  const record: CommitRecord = { lastCommitTs: internals.transactionManager._lastCommitTs.toString(), components: {}, scheduledTargets: {} };
  for (const [componentPath, ids] of writes) {
    const db = internals.components[componentPath].db;
    record.components[componentPath] = {
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      writes: ids.map((id) => {
        const doc = db._documents[id];
        return [id, doc === undefined ? null : convexToJson(doc)];
      }),
    };
    for (const id of ids) {
      if (!SCHEDULED_FUNCTION_ID.test(id)) continue;
      const target = targets.targetOf(componentPath, id);
      if (target !== componentPath) (record.scheduledTargets[componentPath] ??= {})[id] = target;
    }
  }
  return record;
}

/** Replays one logged transaction onto restored databases (idempotent: every write is a whole document or a delete). */
export function applyCommitRecord(internals: RuntimeInternals, targets: ScheduledTargets, record: CommitRecord): string[] {
  const unknownComponents: string[] = [];
  for (const [componentPath, saved] of Object.entries(record.components)) {
    const component = internals.components[componentPath];
    if (!component) {
      unknownComponents.push(componentPath);
      continue;
    }
    for (const [id, json] of saved.writes) {
      if (json === null) delete component.db._documents[id];
      else component.db._documents[id] = jsonToConvex(json) as StoredDocument;
    }
    component.db._nextDocId = Math.max(component.db._nextDocId, saved.nextDocId);
    component.db._lastCreationTime = Math.max(component.db._lastCreationTime, saved.lastCreationTime);
  }
  targets.load(record.scheduledTargets);
  const savedTs = BigInt(record.lastCommitTs);
  if (savedTs > internals.transactionManager._lastCommitTs) internals.transactionManager._lastCommitTs = savedTs;
  return unknownComponents;
}

/**
 * The committed documents right now, as references: convex-test replaces a document object on every
 * write and never mutates one in place, so a snapshot can serialize these later, a chunk at a time,
 * while new transactions commit.
 */
export type DatabasesView = {
  lastCommitTs: string;
  components: { componentPath: string; nextDocId: number; lastCreationTime: number; documents: StoredDocument[] }[];
  scheduledTargets: Record<string, Record<string, string>>;
};

export function viewDatabases(internals: RuntimeInternals, targets: ScheduledTargets): DatabasesView {
  return {
    lastCommitTs: internals.transactionManager._lastCommitTs.toString(),
    components: Object.entries(internals.components).map(([componentPath, { db }]) => ({
      componentPath,
      nextDocId: db._nextDocId,
      lastCreationTime: db._lastCreationTime,
      documents: Object.values(db._documents),
    })),
    scheduledTargets: targets.unfinished(internals),
  };
}

/**
 * Sets a scheduled function's state outside a transaction (used on restart, before anything runs), and
 * returns the write for the caller to log.
 */
export function setScheduledJobState(internals: RuntimeInternals, componentPath: string, jobId: string, fields: Record<string, Value>): CommittedWrites {
  const db = internals.components[componentPath].db;
  db._documents[jobId] = { ...db._documents[jobId], ...fields };
  return new Map([[componentPath, [jobId]]]);
}

/** A committed document of a component by id, or null (outside any transaction). */
export function committedDocument(internals: RuntimeInternals, componentPath: string, id: string): StoredDocument | null {
  return internals.components[componentPath]?.db._documents[id] ?? null;
}

/** The committed documents of one table of a component (a scan: for restart-time bookkeeping only). */
export function committedDocumentsOfTable(internals: RuntimeInternals, componentPath: string, table: string): StoredDocument[] {
  const documents = internals.components[componentPath]?.db._documents ?? {};
  return Object.values(documents).filter((doc) => doc._id.slice(doc._id.search(/[^0-9]/)) === table);
}
