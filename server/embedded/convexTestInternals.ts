/**
 * The few convex-test internals the embedded backend relies on.
 *
 * PIN NOTE: package.json pins convex-test to exactly 0.0.60 because this file reaches into private state
 * of its dist/index.js: the per-test "convex global" (held in a private AsyncLocalStorage), each component's
 * `DatabaseFake` (`_documents`, `_nextDocId`, `_lastCreationTime`, `_writes`, `get`, `patch`) and the
 * `TransactionManager` (`commit(isNested)`, `_lastCommitTs`), and its `asyncSyscall` hook (read on every call
 * through `globalThis.Convex`), wrapped to learn which component a scheduled function targets, and the
 * accessor's untyped `fun` and `runInComponent`. tests/integration/embedded/convexTestInternals.test.ts
 * checks every one of them, so an upgrade that moves them fails loudly there instead of silently losing data;
 * each is also shape-checked when the runtime starts (tests/unit/embedded/convexTestInternalsGuard.test.ts).
 * The rest of server/ uses convex-test's internals only through the functions exported here.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { GenericSchema, SchemaDefinition, UserIdentity } from "convex/server";
import { compareValues, convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";

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
  begin(isNested: boolean, ...rest: unknown[]): Promise<void>;
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

/** A function of the app ("") or of a component, by path: what convex-test's private `fun` takes. */
export type FunctionPath = { componentPath: string; udfPath: string };
type FunctionArgs = Record<string, Value>;

/**
 * The accessor `convexTest()` returns. `fun` (call any function, internal ones and components' included) and
 * `runInComponent` (a raw transaction in a component) exist at runtime but are not in convex-test's types: the
 * embedded backend calls them only through this module (callFunctionAt, patchScheduledJob).
 */
export type ConvexTestAccessor = {
  query(reference: unknown, args: FunctionArgs): Promise<Value>;
  mutation(reference: unknown, args: FunctionArgs): Promise<Value>;
  action(reference: unknown, args: FunctionArgs): Promise<Value>;
  run(handler: (ctx: never) => Promise<unknown>): Promise<unknown>;
  runInComponent(componentPath: string, handler: () => Promise<unknown>): Promise<unknown>;
  fun(functionPath: FunctionPath, args: FunctionArgs): Promise<unknown>;
  fetch(pathQueryFragment: string, init?: RequestInit): Promise<Response>;
  withIdentity(identity: Partial<UserIdentity>): ConvexTestAccessor;
};
export type ConvexTestRoot = ConvexTestAccessor & {
  registerComponent(componentPath: string, schema: SchemaDefinition<GenericSchema, boolean>, modules: Record<string, () => Promise<unknown>>): void;
};

const ACCESSOR_METHODS = ["query", "mutation", "action", "run", "runInComponent", "fun", "fetch", "withIdentity"] as const;

function assertAccessor(candidate: unknown, what: string): void {
  if (typeof candidate !== "object" || candidate === null) throw new ConvexTestInternalsError(`${what} is not an object`);
  for (const method of ACCESSOR_METHODS) {
    if (typeof (candidate as Record<string, unknown>)[method] !== "function") throw new ConvexTestInternalsError(`${what} has no ${method}()`);
  }
}

/**
 * What `convexTest(schema, modules)` returned, checked at start for every method the embedded backend calls
 * (on it and on `withIdentity(...)`'s accessor), so a convex-test that renamed one fails here, not mid-run.
 */
export function guardConvexTest(root: unknown): ConvexTestRoot {
  assertAccessor(root, "convexTest()");
  if (typeof (root as Partial<ConvexTestRoot>).registerComponent !== "function") throw new ConvexTestInternalsError("convexTest() has no registerComponent()");
  assertAccessor((root as ConvexTestAccessor).withIdentity({ subject: "shape-check" }), "convexTest().withIdentity()");
  return root as ConvexTestRoot;
}

/** Runs any function (query, mutation or action, internal or not) of the app or of a component, as convex-test's scheduler does. */
export async function callFunctionAt(root: ConvexTestAccessor, functionPath: FunctionPath, args: FunctionArgs): Promise<unknown> {
  return await root.fun(functionPath, args);
}

/** Whether the runtime registered a component at `componentPath` ("" is the app). */
export function hasComponent(internals: RuntimeInternals, componentPath: string): boolean {
  return internals.components[componentPath] !== undefined;
}

/**
 * Patches a scheduled function's row with `fields` in one transaction of its component, as convex-test's own
 * scheduler moves a job along. With `ifPending`, only a job still pending is patched (claiming it to start it,
 * `{ state: { kind: "inProgress" } }`, or to cancel it); returns whether the row was patched.
 */
export async function patchScheduledJob(
  root: ConvexTestAccessor,
  internals: RuntimeInternals,
  job: { componentPath: string; jobId: string },
  fields: Record<string, Value>,
  { ifPending = false } = {},
): Promise<boolean> {
  const db = internals.components[job.componentPath].db;
  const patched = await root.runInComponent(job.componentPath, async () => {
    const doc = db.get("_scheduled_functions", job.jobId);
    if (ifPending && (!doc || (doc.state as { kind: string }).kind !== "pending")) return false;
    db.patch("_scheduled_functions", job.jobId, fields);
    return true;
  });
  return patched === true;
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

/** Calls `listener` with how long each top-level transaction waited for convex-test's one-at-a-time lock. */
export function onTransactionLockWait(internals: RuntimeInternals, listener: (askedAt: number, gotAt: number) => void): void {
  const manager = internals.transactionManager;
  const originalBegin = manager.begin.bind(manager);
  manager.begin = async (isNested: boolean, ...rest: unknown[]) => {
    const askedAt = performance.timeOrigin + performance.now();
    await originalBegin(isNested, ...rest);
    if (!isNested) listener(askedAt, performance.timeOrigin + performance.now());
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
  resetIndexes(internals);
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
        const state = indexStates.get(db);
        if (state) applyToIndexes(state, doc._id, doc, db._documents[doc._id]);
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
  resetIndexes(internals);
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
      documents: allCommittedDocuments(db),
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
  const before = db._documents[jobId];
  db._documents[jobId] = { ...before, ...fields };
  const state = indexStates.get(db);
  if (state) applyToIndexes(state, jobId, before, db._documents[jobId]);
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

// ---------------------------------------------------------------------------------------------------------
// Index-backed queries. convex-test 0.0.60 answers every query by scanning all of a component's documents
// (`DatabaseFake._iterateDocs` filters `_documents` by table, `_resolveQuerySource` then range-filters and
// sorts). These structures make a query cost what it reads instead:
// - per table, a Map of its committed documents (full-table scans and search walk one table, not all);
// - per index (declared ones, `by_creation_time`, `by_id`), an array of committed documents sorted by the
//   index key (index fields, then `_creationTime`, `_id`: convex-test's own sort and cursor order), built on
//   first use and kept up to date inside every top-level commit.
// An `IndexRange` source is answered by binary-searching that array for the range (and, for `.take(n)` /
// `.first()` / a page, only the first rows needed); the candidates, with the transaction's own pending
// writes added, go through convex-test's unchanged range filter, sort, operator filters, limit and
// pagination logic, so results are identical, only cheaper.
// ---------------------------------------------------------------------------------------------------------

type RangeExpression = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: JSONValue };
type QuerySource =
  | { type: "IndexRange"; indexName: string; range: RangeExpression[]; order?: "asc" | "desc" }
  | { type: "FullTableScan" | "Search"; tableName?: string; indexName?: string };
type SerializedQuery = { source: QuerySource; operators: Record<string, unknown>[] };
type PaginateArgs = { query: SerializedQuery; cursor: string | null; endCursor?: string | null; pageSize: number };

/** The parts of `DatabaseFake` the index layer wraps. */
type IndexableDatabase = FakeDatabase & {
  _schema: { tables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> } | null;
  _nextQueryId: number;
  _queryResults: Record<number, unknown>;
  _iterateDocs(tableName: string, callback: (doc: StoredDocument) => void): void;
  _resolveQuerySource(query: SerializedQuery): { filterFn: (doc: StoredDocument) => boolean; limit: number | null };
  paginate(args: PaginateArgs): unknown;
  startQuery(query: SerializedQuery): number;
  queryNext(queryId: number): { value: StoredDocument | null; done: boolean };
};

type IndexEntry = { key: Value[]; doc: StoredDocument };
type IndexState = {
  /** id → committed document, every table: always current (snapshots copy it instead of enumerating `_documents`). */
  all: Map<string, StoredDocument> | null;
  /** table → id → committed document; built per table on first use. */
  tables: Map<string, Map<string, StoredDocument>>;
  /** "table.index" → sorted entries; built on first use. */
  indexes: Map<string, { fields: string[]; entries: IndexEntry[] }>;
  /** Set while convex-test resolves one query source: the documents to consider instead of the whole table. */
  candidates: StoredDocument[] | null;
  paginating: PaginateArgs | null;
  /** Streamed queries of the running transaction (`ctx.db.query(...)` iterated, `.take`, `.first`…), by query id. */
  streams: Map<number, IndexStream>;
  /** Committed index entries handed to convex-test or read by a stream since start: what `indexRowsRead` reports. */
  rowsRead: number;
};

const indexStates = new WeakMap<FakeDatabase, IndexState>();

function tableOfId(id: string): string {
  return id.slice(id.search(/[^0-9]/));
}

function fieldValue(doc: StoredDocument, fieldPath: string): Value | undefined {
  let result: unknown = doc;
  for (const part of fieldPath.split(".")) {
    result = result !== null && typeof result === "object" && !Array.isArray(result) ? (result as Record<string, unknown>)[part] : undefined;
  }
  return result as Value | undefined;
}

function queryValue(value: JSONValue): Value | undefined {
  if (typeof value === "object" && value !== null && "$undefined" in value) return undefined;
  return jsonToConvex(value);
}

/** Lexicographic comparison of the first `bound.length` parts of `key` with `bound`. */
function comparePrefix(key: (Value | undefined)[], bound: (Value | undefined)[]): number {
  for (let i = 0; i < bound.length; i++) {
    const cmp = compareValues(key[i] as Value, bound[i] as Value);
    if (cmp !== 0) return cmp;
  }
  return 0;
}

/** First index in `entries` whose key satisfies the monotone predicate `isAfter` (false…false true…true). */
function lowerBound(entries: IndexEntry[], isAfter: (key: Value[]) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(entries[mid].key)) high = mid;
    else low = mid + 1;
  }
  return low;
}

function stateOf(db: FakeDatabase): IndexState {
  let state = indexStates.get(db);
  if (!state)
    indexStates.set(db, (state = { all: null, tables: new Map(), indexes: new Map(), candidates: null, paginating: null, streams: new Map(), rowsRead: 0 }));
  return state;
}

function tableDocuments(db: FakeDatabase, state: IndexState, table: string): Map<string, StoredDocument> {
  let docs = state.tables.get(table);
  if (!docs) {
    docs = new Map();
    for (const [id, doc] of Object.entries(db._documents)) if (tableOfId(id) === table) docs.set(id, doc);
    state.tables.set(table, docs);
  }
  return docs;
}

function indexFields(db: IndexableDatabase, table: string, indexName: string): string[] | null {
  if (indexName === "by_creation_time") return ["_creationTime", "_id"];
  if (indexName === "by_id") return ["_id"];
  const index = db._schema?.tables.get(table)?.indexes.find(({ indexDescriptor }) => indexDescriptor === indexName);
  return index ? [...index.fields, "_creationTime", "_id"] : null;
}

function keyOf(doc: StoredDocument, fields: string[]): Value[] {
  return fields.map((field) => fieldValue(doc, field) as Value);
}

function compareKeys(a: Value[], b: Value[]): number {
  return comparePrefix(a, b);
}

function sortedIndex(db: IndexableDatabase, state: IndexState, table: string, indexName: string): { fields: string[]; entries: IndexEntry[] } | null {
  const name = `${table}.${indexName}`;
  let index = state.indexes.get(name);
  if (!index) {
    const fields = indexFields(db, table, indexName);
    if (!fields) return null;
    const entries = [...tableDocuments(db, state, table).values()].map((doc) => ({ key: keyOf(doc, fields), doc }));
    entries.sort((a, b) => compareKeys(a.key, b.key));
    state.indexes.set(name, (index = { fields, entries }));
  }
  return index;
}

function removeEntry(entries: IndexEntry[], key: Value[], id: string): void {
  let position = lowerBound(entries, (candidate) => compareKeys(candidate, key) >= 0);
  while (position < entries.length && entries[position].doc._id !== id && compareKeys(entries[position].key, key) === 0) position++;
  if (position < entries.length && entries[position].doc._id === id) entries.splice(position, 1);
}

/** Applies one committed write (previous and new committed value) to the built structures of `db`. */
function applyToIndexes(state: IndexState, id: string, before: StoredDocument | undefined, after: StoredDocument | undefined): void {
  if (state.all) {
    if (after) state.all.set(id, after);
    else state.all.delete(id);
  }
  const table = tableOfId(id);
  const docs = state.tables.get(table);
  if (docs) {
    if (after) docs.set(id, after);
    else docs.delete(id);
  }
  for (const [name, index] of state.indexes) {
    if (name.slice(0, name.indexOf(".")) !== table) continue;
    if (before) removeEntry(index.entries, keyOf(before, index.fields), id);
    if (after) {
      const key = keyOf(after, index.fields);
      index.entries.splice(
        lowerBound(index.entries, (candidate) => compareKeys(candidate, key) > 0),
        0,
        { key, doc: after },
      );
    }
  }
}

/** Drops the built structures (rebuilt on next use): after documents were changed outside a transaction. */
export function resetIndexes(internals: RuntimeInternals, componentPath?: string): void {
  for (const [path, { db }] of Object.entries(internals.components)) {
    if (componentPath !== undefined && path !== componentPath) continue;
    const state = indexStates.get(db);
    if (state) {
      state.all = null;
      state.tables.clear();
      state.indexes.clear();
    }
  }
}

/**
 * Committed index entries read so far by index-served queries, every component summed: a cost meter for tests and
 * benches (a query that reads to the end of its range shows here as the range size, whatever it returns).
 */
export function indexRowsRead(internals: RuntimeInternals): number {
  let total = 0;
  for (const { db } of Object.values(internals.components)) total += indexStates.get(db)?.rowsRead ?? 0;
  return total;
}

/** Documents of `table` written by the running transaction (latest value at any nesting level; deletes excluded). */
function pendingDocuments(db: FakeDatabase, table: string): { ids: Set<string>; docs: StoredDocument[] } {
  const ids = new Set<string>();
  for (const level of db._writes) for (const id of Object.keys(level)) if (tableOfId(id) === table) ids.add(id);
  const docs: StoredDocument[] = [];
  for (const id of ids) {
    const doc = db.get(table, id);
    if (doc !== null) docs.push(doc);
  }
  return { ids, docs };
}

function parseCursorKey(cursor: string): Value[] | null {
  try {
    return (JSON.parse(cursor) as (string | null)[]).map((part) => (part === null ? undefined : jsonToConvex(JSON.parse(part)))) as Value[];
  } catch {
    return null;
  }
}

type IndexRangeBounds = {
  table: string;
  index: { fields: string[]; entries: IndexEntry[] };
  order: "asc" | "desc";
  /** Entries [start, end) are the range, in ascending key order. */
  start: number;
  end: number;
  inRange: (key: Value[]) => boolean;
};

/**
 * Where an `IndexRange` source's range lies in its sorted index, or null to let convex-test scan the table
 * (an index or range shape this does not understand: convex-test then reports the error it would have).
 */
function indexRangeBounds(db: IndexableDatabase, state: IndexState, source: QuerySource): IndexRangeBounds | null {
  if (source.type !== "IndexRange") return null;
  const [table, indexName] = source.indexName.split(".");
  const index = sortedIndex(db, state, table, indexName);
  if (!index) return null;
  const eq: (Value | undefined)[] = [];
  let lower: { value: Value | undefined; inclusive: boolean } | null = null;
  let upper: { value: Value | undefined; inclusive: boolean } | null = null;
  for (const expression of source.range) {
    if (expression.type === "Eq") {
      if (lower || upper || expression.fieldPath !== index.fields[eq.length]) return null;
      eq.push(queryValue(expression.value));
      continue;
    }
    if (expression.fieldPath !== index.fields[eq.length]) return null;
    const bound = { value: queryValue(expression.value), inclusive: expression.type === "Gte" || expression.type === "Lte" };
    if (expression.type === "Gt" || expression.type === "Gte") {
      if (lower) return null;
      lower = bound;
    } else {
      if (upper) return null;
      upper = bound;
    }
  }
  const lowerKey = lower ? [...eq, lower.value] : eq;
  const lowerInclusive = lower ? lower.inclusive : true;
  const upperKey = upper ? [...eq, upper.value] : eq;
  const upperInclusive = upper ? upper.inclusive : true;
  const afterLower = (key: Value[]) => (lowerInclusive ? comparePrefix(key, lowerKey) >= 0 : comparePrefix(key, lowerKey) > 0);
  const afterUpper = (key: Value[]) => (upperInclusive ? comparePrefix(key, upperKey) > 0 : comparePrefix(key, upperKey) >= 0);
  return {
    table,
    index,
    order: source.order ?? "asc",
    start: lowerBound(index.entries, afterLower),
    end: lowerBound(index.entries, afterUpper),
    inRange: (key) => afterLower(key) && !afterUpper(key),
  };
}

/** convex-test's own resolution of `query` over no documents: it validates the query and compiles its filters and limit. */
function compileQuery(
  state: IndexState,
  query: SerializedQuery,
  resolve: IndexableDatabase["_resolveQuerySource"],
): ReturnType<IndexableDatabase["_resolveQuerySource"]> {
  const outer = state.candidates;
  state.candidates = [];
  try {
    return resolve(query);
  } finally {
    state.candidates = outer;
  }
}

/**
 * The documents an `IndexRange` source can return, or null to let convex-test scan the table (see
 * indexRangeBounds).
 *
 * A page (`.paginate()` with no pinned end) gets the committed rows from its cursor up to the `pageSize`-th one
 * that passes the query's filters, plus the row after it: exactly the rows convex-test's `paginate` walks before
 * it stops, and the one that tells it the page is not the last. So the page, `continueCursor` and `isDone` are
 * what a read of the whole range gives, and a filtered page costs the rows up to its last match, as on a
 * deployment, not the rest of the range. A page pinned to an end cursor reads up to that cursor.
 */
function indexRangeCandidates(
  db: IndexableDatabase,
  state: IndexState,
  query: SerializedQuery,
  resolve: IndexableDatabase["_resolveQuerySource"],
): StoredDocument[] | null {
  const bounds = indexRangeBounds(db, state, query.source);
  if (!bounds) return null;
  const { table, index, order } = bounds;
  let { start, end } = bounds;
  const entries = index.entries;
  const hasFilter = query.operators.some((operator) => "filter" in operator);
  /** At most this many committed rows (`.take` with no filter). */
  let cap: number | null = null;
  /** A page: the rows up to where convex-test's `paginate` stops (its `pageSize`-th row passing `filter`), then one more. */
  let pageEnd: { size: number; filter: ((doc: StoredDocument) => boolean) | null } | null = null;
  const limitOperator = query.operators.find((operator) => "limit" in operator) as { limit: number } | undefined;
  if (limitOperator && !hasFilter) cap = limitOperator.limit;
  const page = state.paginating;
  if (page) {
    cap = null;
    if (page.cursor === "_end_cursor") return pendingDocuments(db, table).docs;
    const cursorKey = page.cursor ? parseCursorKey(page.cursor) : null;
    if (page.cursor && !cursorKey) return null;
    if (cursorKey && cursorKey.length === index.fields.length) {
      if (order === "asc")
        start = Math.max(
          start,
          lowerBound(entries, (key) => compareKeys(key, cursorKey) > 0),
        );
      else
        end = Math.min(
          end,
          lowerBound(entries, (key) => compareKeys(key, cursorKey) >= 0),
        );
    }
    const endKey = page.endCursor && page.endCursor !== "_end_cursor" ? parseCursorKey(page.endCursor) : null;
    if (endKey && endKey.length === index.fields.length) {
      if (order === "asc")
        end = Math.min(
          end,
          lowerBound(entries, (key) => compareKeys(key, endKey) > 0),
        );
      else
        start = Math.max(
          start,
          lowerBound(entries, (key) => compareKeys(key, endKey) >= 0),
        );
    } else if (!page.endCursor) {
      pageEnd = { size: page.pageSize, filter: hasFilter ? compileQuery(state, query, resolve).filterFn : null };
    }
  }
  const pending = pendingDocuments(db, table);
  const candidates: StoredDocument[] = [];
  if (start < end) {
    let matched = 0;
    let pastPage = false;
    const step = order === "asc" ? 1 : -1;
    for (let i = order === "asc" ? start : end - 1; i >= start && i < end; i += step) {
      const doc = entries[i].doc;
      if (pending.ids.has(doc._id)) continue;
      candidates.push(doc);
      // The row after the page's last one, so convex-test can tell the page is not the last.
      if (pastPage) break;
      if (cap !== null && candidates.length >= cap) break;
      if (pageEnd && (pageEnd.size <= 0 || ((pageEnd.filter === null || pageEnd.filter(doc)) && ++matched >= pageEnd.size))) pastPage = true;
    }
  }
  state.rowsRead += candidates.length;
  for (const doc of pending.docs) candidates.push(doc);
  return candidates;
}

/**
 * A query read row by row straight from its sorted index, as a deployment streams an index range: convex-test
 * evaluates the whole query when it starts (every row of the range, sorted again), so `for await`, `.first()`
 * or `.take(n)` through a wrapper that iterates (convex-helpers' row-level security) cost the whole range.
 * The running transaction's own writes in the range, taken when the query starts (as convex-test does), are
 * merged in key order; operator filters and `.take` limits are convex-test's own. Committed entries cannot
 * change while it reads: convex-test runs one top-level transaction at a time.
 */
class IndexStream {
  private next_: number;
  private pendingNext = 0;
  private returned = 0;

  constructor(
    private readonly entries: IndexEntry[],
    private readonly bounds: { start: number; end: number; order: "asc" | "desc" },
    private readonly pendingIds: Set<string>,
    /** The transaction's own documents in the range, with their keys, in the query's order. */
    private readonly pending: IndexEntry[],
    private readonly filter: (doc: StoredDocument) => boolean,
    private readonly limit: number | null,
    /** Counts each committed entry read (`IndexState.rowsRead`). */
    private readonly meter: { rowsRead: number },
  ) {
    this.next_ = bounds.order === "asc" ? bounds.start : bounds.end - 1;
  }

  private nextCommitted(): IndexEntry | null {
    const { start, end, order } = this.bounds;
    const step = order === "asc" ? 1 : -1;
    while (this.next_ >= start && this.next_ < end) {
      const entry = this.entries[this.next_];
      if (!this.pendingIds.has(entry.doc._id)) return entry;
      this.next_ += step;
    }
    return null;
  }

  /** The next row of the query, or null at its end. */
  next(): StoredDocument | null {
    const step = this.bounds.order === "asc" ? 1 : -1;
    while (this.limit === null || this.returned < this.limit) {
      const committed = this.nextCommitted();
      const pending = this.pending[this.pendingNext] ?? null;
      if (!committed && !pending) return null;
      let doc: StoredDocument;
      if (committed && (!pending || compareKeys(committed.key, pending.key) * step < 0)) {
        doc = committed.doc;
        this.next_ += step;
        this.meter.rowsRead += 1;
      } else {
        doc = pending!.doc;
        this.pendingNext += 1;
      }
      if (!this.filter(doc)) continue;
      this.returned += 1;
      return doc;
    }
    return null;
  }
}

/** An index stream for a query, or null for convex-test's own evaluation (search, unknown shapes). */
function openIndexStream(
  db: IndexableDatabase,
  state: IndexState,
  query: SerializedQuery,
  resolve: IndexableDatabase["_resolveQuerySource"],
): IndexStream | null {
  const source: QuerySource =
    query.source.type === "FullTableScan" && query.source.tableName !== undefined
      ? { type: "IndexRange", indexName: `${query.source.tableName}.by_creation_time`, range: [], order: (query.source as { order?: "asc" | "desc" }).order }
      : query.source;
  const bounds = indexRangeBounds(db, state, source);
  if (!bounds) return null;
  const compiled = compileQuery(state, query, resolve);
  const { ids, docs } = pendingDocuments(db, bounds.table);
  const step = bounds.order === "asc" ? 1 : -1;
  const pending = docs
    .map((doc) => ({ key: keyOf(doc, bounds.index.fields), doc }))
    .filter(({ key }) => bounds.inRange(key))
    .sort((a, b) => compareKeys(a.key, b.key) * step);
  return new IndexStream(bounds.index.entries, bounds, ids, pending, compiled.filterFn, compiled.limit, state);
}

/**
 * Installs the index structures on every component's database: wraps `_iterateDocs`,
 * `_resolveQuerySource`, `paginate`, `startQuery` and `queryNext`, and keeps the structures current on every
 * top-level commit.
 */
export function installIndexes(internals: RuntimeInternals): void {
  for (const [componentPath, component] of Object.entries(internals.components)) {
    const db = component.db as IndexableDatabase;
    const where = `component "${componentPath}"`;
    for (const method of ["_iterateDocs", "_resolveQuerySource", "paginate", "startQuery", "queryNext"] as const) {
      if (typeof db[method] !== "function") throw new ConvexTestInternalsError(`${where}: DatabaseFake.${method} is missing`);
    }
    if (db._schema !== null && !(db._schema?.tables instanceof Map)) throw new ConvexTestInternalsError(`${where}: DatabaseFake._schema.tables is not a Map`);
    if (typeof db._nextQueryId !== "number" || typeof db._queryResults !== "object") {
      throw new ConvexTestInternalsError(`${where}: DatabaseFake._nextQueryId/_queryResults are missing`);
    }
    const state = stateOf(db);
    const originalResolve = db._resolveQuerySource.bind(db);
    const originalPaginate = db.paginate.bind(db);
    const originalStartQuery = db.startQuery.bind(db);
    const originalQueryNext = db.queryNext.bind(db);
    db.startQuery = (query) => {
      const stream = openIndexStream(db, state, query, originalResolve);
      if (!stream) return originalStartQuery(query);
      const queryId = db._nextQueryId;
      db._nextQueryId += 1;
      state.streams.set(queryId, stream);
      return queryId;
    };
    db.queryNext = (queryId) => {
      const stream = state.streams.get(queryId);
      if (!stream) return originalQueryNext(queryId);
      const value = stream.next();
      if (value === null) {
        state.streams.delete(queryId);
        return { value: null, done: true };
      }
      return { value, done: false };
    };
    db._iterateDocs = (tableName, callback) => {
      if (state.candidates) {
        for (const doc of state.candidates) callback(doc);
        return;
      }
      const pending = pendingDocuments(db, tableName);
      for (const [id, doc] of tableDocuments(db, state, tableName)) if (!pending.ids.has(id)) callback(doc);
      for (const doc of pending.docs) callback(doc);
    };
    db._resolveQuerySource = (query) => {
      state.candidates = indexRangeCandidates(db, state, query, originalResolve);
      try {
        return originalResolve(query);
      } finally {
        state.candidates = null;
      }
    };
    db.paginate = (args) => {
      state.paginating = args;
      try {
        return originalPaginate(args);
      } finally {
        state.paginating = null;
      }
    };
  }
  const manager = internals.transactionManager as TransactionManager & { rollback(isNested: boolean): void };
  if (typeof manager.rollback !== "function") throw new ConvexTestInternalsError("TransactionManager.rollback is missing");
  // A query left unfinished (`.first()`, `.take(n)` through a wrapper) is dropped with its transaction;
  // convex-test keeps its own evaluated results forever otherwise.
  const dropQueries = () => {
    for (const { db } of Object.values(internals.components)) {
      const state = indexStates.get(db);
      if (state && state.streams.size > 0) state.streams.clear();
      const indexable = db as IndexableDatabase;
      if (Object.keys(indexable._queryResults).length > 0) indexable._queryResults = {};
    }
  };
  const originalRollback = manager.rollback.bind(manager);
  manager.rollback = (isNested: boolean) => {
    originalRollback(isNested);
    if (!isNested) dropQueries();
  };
  const originalCommit = manager.commit.bind(manager);
  manager.commit = (isNested: boolean) => {
    if (isNested) return originalCommit(isNested);
    dropQueries();
    const before: { state: IndexState; db: FakeDatabase; id: string; doc: StoredDocument | undefined }[] = [];
    for (const { db } of Object.values(internals.components)) {
      const state = indexStates.get(db);
      const pending = db._writes[db._writes.length - 1];
      if (!state || !pending || (state.all === null && state.tables.size === 0 && state.indexes.size === 0)) continue;
      for (const id of Object.keys(pending)) before.push({ state, db, id, doc: db._documents[id] });
    }
    const commitTs = originalCommit(isNested);
    for (const { state, db, id, doc } of before) applyToIndexes(state, id, doc, db._documents[id]);
    return commitTs;
  };
}

/** Every committed document of `db`, from the always-current map (built by a one-time scan when missing). */
function allCommittedDocuments(db: FakeDatabase): StoredDocument[] {
  const state = stateOf(db);
  if (!state.all) state.all = new Map(Object.entries(db._documents));
  return [...state.all.values()];
}

/** Builds the document maps snapshots copy from, once, at startup (so the first compaction does not scan). */
export function buildDocumentMaps(internals: RuntimeInternals): void {
  for (const { db } of Object.values(internals.components)) allCommittedDocuments(db);
}

/** A table a function read, `<componentPath>\u0000<table>` ("" is the app), as `ReadTracker` records it. */
export type TableKey = string;

export function tableKey(componentPath: string, table: string): TableKey {
  return `${componentPath}\u0000${table}`;
}

/** The table a convex-test document id names (`<counter><table>`), or null for an id that does not parse. */
function tableOfIdOrNull(id: string): string | null {
  const match = /^[0-9]+/.exec(id);
  return match && match[0].length < id.length ? id.slice(match[0].length) : null;
}

/** The tables one commit wrote, or null when an id does not parse (then every table counts as written). */
export function tablesWritten(writes: CommittedWrites): Set<TableKey> | null {
  const tables = new Set<TableKey>();
  for (const [componentPath, ids] of writes) {
    for (const id of ids) {
      const table = tableOfIdOrNull(id);
      if (table === null) return null;
      tables.add(tableKey(componentPath, table));
    }
  }
  return tables;
}

type ReadableDatabase = FakeDatabase & {
  startQuery(query: { source: { type: string; tableName?: string; indexName?: string } }): number;
  paginate(args: { query: { source: { type: string; tableName?: string; indexName?: string } } }): unknown;
  vectorSearch(tableAndIndexName: string, ...rest: unknown[]): unknown;
};

/**
 * Records which tables a function reads, in every component, while it runs inside `track`: the read set a
 * deployment keeps for each subscribed query (here at table granularity), so a query is re-run only after a
 * commit that wrote one of its tables. Wraps each component's DatabaseFake `get`, `startQuery`, `paginate`
 * and `vectorSearch` (call after `installIndexes`, whose index streams sit under these). Reads outside
 * `track` cost one AsyncLocalStorage lookup.
 */
export class ReadTracker {
  private readonly current = new AsyncLocalStorage<Set<TableKey>>();

  constructor(internals: RuntimeInternals) {
    for (const [componentPath, component] of Object.entries(internals.components)) {
      const db = component.db as ReadableDatabase;
      for (const method of ["get", "startQuery", "paginate", "vectorSearch"] as const) {
        if (typeof db[method] !== "function") throw new ConvexTestInternalsError(`component "${componentPath}": DatabaseFake.${method} is missing`);
      }
      const note = (table: string | null | undefined) => {
        const reads = this.current.getStore();
        if (reads === undefined) return;
        // An unknown source is recorded as "*": the query then re-runs after any write.
        reads.add(tableKey(componentPath, table || "*"));
      };
      const fromSource = (source: { type: string; tableName?: string; indexName?: string } | undefined) =>
        source?.tableName ?? source?.indexName?.split(".")[0];
      const get = db.get.bind(db);
      const startQuery = db.startQuery.bind(db);
      const paginate = db.paginate.bind(db);
      const vectorSearch = db.vectorSearch.bind(db);
      db.get = (table, id) => {
        note(table || tableOfIdOrNull(id));
        return get(table, id);
      };
      db.startQuery = (query) => {
        note(fromSource(query?.source));
        return startQuery(query);
      };
      db.paginate = (args) => {
        note(fromSource(args?.query?.source));
        return paginate(args);
      };
      db.vectorSearch = (tableAndIndexName, ...rest) => {
        note(tableAndIndexName.split(".")[0]);
        return vectorSearch(tableAndIndexName, ...rest);
      };
    }
  }

  /** Runs `fn`, recording into `reads` every table it (and the functions it calls) reads. */
  track<T>(reads: Set<TableKey>, fn: () => Promise<T>): Promise<T> {
    return this.current.run(reads, fn);
  }
}

/** Whether a query that read `reads` may have a different result after writes to `written` (null: any table). */
export function readsTouched(reads: ReadonlySet<TableKey>, written: ReadonlySet<TableKey> | null): boolean {
  if (written === null) return true;
  for (const key of reads) {
    if (written.has(key)) return true;
    if (key.endsWith("\u0000*")) {
      const prefix = key.slice(0, -1);
      for (const w of written) if (w.startsWith(prefix)) return true;
    }
  }
  return false;
}
