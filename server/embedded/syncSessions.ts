/**
 * Server side of Convex's client sync protocol (convex/src/browser/sync/*.ts, convex 1.48) on top of the
 * embedded runtime, enough for the unmodified ConvexReactClient / ConvexClient.
 *
 * Reactivity works like a deployment's, at table granularity: each evaluation of a subscribed query records
 * the tables it read (in every component, ReadTracker), and after commits (throttled) only the queries that
 * read a table written since their last evaluation are re-run; only changed results are sent. The
 * workflow's and workpool's own commits (most of a run's) touch no table a dashboard query reads, so they
 * no longer cost a pass over every subscription. Each Transition's `endVersion.ts` is the latest commit
 * timestamp read *before* its queries ran, so a client resolving a mutation at ts T (it waits for a
 * Transition with ts ≥ T) always sees that mutation's writes.
 */
import type { UserIdentity } from "convex/server";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import { WebSocket } from "ws";
import { latestCommitTs, readsTouched, tablesWritten, type CommittedWrites, type TableKey } from "./convexTestInternals";
import { describeFailure } from "./functionFailure";
import { pinnedPageArgs } from "./paginationPin";
import type { EmbeddedRuntime, FunctionArgs } from "./runtime";
import { clientMessageSchema, encodeTs, type ClientMessage, type ServerMessage, type StateModification } from "./syncWire";

type Subscription = {
  udfPath: string;
  args: FunctionArgs;
  argsKey: string;
  componentPath?: string;
  lastSentKey?: string;
  /** Tables its last evaluation read; undefined until it has run. */
  reads?: ReadonlySet<TableKey>;
};
type QueryOutcome = { key: string; reads: ReadonlySet<TableKey>; toModification: (queryId: number) => StateModification };
/** Results of one refresh pass, shared by sessions watching the same query with the same identity. */
type PassCache = Map<string, Promise<QueryOutcome>>;
type Logger = { error: (message: string) => void };

export function argsFromWire(args: JSONValue[]): FunctionArgs {
  const value = args.length === 0 ? {} : jsonToConvex(args[0]);
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayBuffer) {
    throw new Error("The arguments to a Convex function must be an object.");
  }
  return value as FunctionArgs;
}

export type SyncHubOptions = {
  throttleMs: number;
  pingIntervalMs: number;
  logger: Logger;
  /** Queries one connection may subscribe to (default 2,000); more is refused with a clear error. */
  maxSubscriptionsPerSession?: number;
  /** Queries a session re-runs before yielding to other work (mutations, other sessions), default 32. */
  queryBatchSize?: number;
  /** Told how long each refresh pass took (EMBEDDED_TRACE_FILE). */
  onRefreshPass?: (t0: number, t1: number) => void;
};

export const DEFAULT_MAX_SUBSCRIPTIONS_PER_SESSION = 2_000;
const DEFAULT_QUERY_BATCH_SIZE = 32;

/** Lets timers, I/O and other sessions' work run before the next batch (fair scheduling). */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

export class SyncHub {
  private readonly sessions = new Set<SyncSession>();
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly pingTimer: ReturnType<typeof setInterval>;
  private closed = false;

  constructor(
    readonly runtime: EmbeddedRuntime,
    readonly options: SyncHubOptions,
  ) {
    this.pingTimer = runtime.runOutsideFunctions(() =>
      setInterval(() => {
        for (const session of this.sessions) session.send({ type: "Ping" });
      }, options.pingIntervalMs),
    );
  }

  attach(socket: WebSocket): SyncSession {
    const session = new SyncSession(socket, this);
    this.sessions.add(session);
    // Without a listener, one bad frame (over maxPayload, reserved bits set, bad UTF-8) is an
    // unhandled 'error' event that takes the whole process down. ws has already closed the
    // socket with the right code (1009 for oversize, 1002 for protocol errors).
    socket.on("error", (error) => {
      this.options.logger.error(`sync: connection dropped: ${error.message}`);
      session.closed = true;
    });
    socket.on("close", () => {
      session.closed = true;
      this.sessions.delete(session);
    });
    return session;
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** Called after every commit that wrote documents, from inside convex-test (any component, any function). */
  noteWrite(writes: CommittedWrites): void {
    const written = tablesWritten(writes);
    for (const session of this.sessions) session.noteWritten(written);
    this.scheduleRefresh(this.options.throttleMs);
  }

  /** Throttled, not debounced: a steady stream of workflow writes still produces an update every `delayMs`. */
  scheduleRefresh(delayMs: number): void {
    if (this.closed) return;
    if (delayMs === 0) {
      this.runtime.runOutsideFunctions(() => queueMicrotask(() => this.requestRefresh()));
      return;
    }
    if (this.refreshTimer !== undefined) return;
    this.refreshTimer = this.runtime.runOutsideFunctions(() =>
      setTimeout(() => {
        this.refreshTimer = undefined;
        this.requestRefresh();
      }, delayMs),
    );
  }

  private requestRefresh(): void {
    // Each session refreshes on its own loop: a session with thousands of queries delays only itself.
    for (const session of this.sessions) session.requestRefresh();
  }

  private passCache: { ts: bigint; cache: PassCache } | undefined;

  /** Results shared by every session refreshing at the same commit (same query, args and identity). */
  cacheFor(ts: bigint): PassCache {
    if (!this.passCache || this.passCache.ts !== ts) this.passCache = { ts, cache: new Map() };
    return this.passCache.cache;
  }

  close(): void {
    this.closed = true;
    clearInterval(this.pingTimer);
    if (this.refreshTimer !== undefined) clearTimeout(this.refreshTimer);
    for (const session of this.sessions) session.close();
  }
}

export class SyncSession {
  closed = false;
  private readonly queries = new Map<number, Subscription>();
  private version = { querySet: 0, ts: 0n, identity: 0 };
  private identity: Partial<UserIdentity> | null = null;
  /** Highest mutation ts answered on this socket that no later Transition has covered yet. */
  private owedTs: bigint | null = null;
  /** Tables written since the last pass started (null: assume every table). */
  private written: Set<TableKey> | null = new Set();
  private transitions: Promise<void> = Promise.resolve();
  private mutations: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: SyncHub,
  ) {
    socket.on("message", (data, isBinary) => {
      if (isBinary) return this.fail("Binary messages are not part of the sync protocol.");
      let message: ClientMessage;
      try {
        message = clientMessageSchema.parse(JSON.parse(data.toString()));
      } catch (error) {
        return this.fail(`Invalid client message: ${error instanceof Error ? error.message : String(error)}`);
      }
      this.handle(message);
    });
  }

  send(message: ServerMessage): void {
    if (!this.closed && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message), (error) => {
        if (error) this.closed = true;
      });
    }
  }

  close(): void {
    this.closed = true;
    this.socket.close(1001, "Backend shutting down");
  }

  private fail(error: string): void {
    this.hub.options.logger.error(`sync: ${error}`);
    this.send({ type: "FatalError", error });
    this.closed = true;
    this.socket.close(1008, "Protocol error");
  }

  /** Transitions must leave in version order, so everything that sends one runs through this queue. */
  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.transitions.then(work);
    this.transitions = next.catch((error: unknown) => this.hub.options.logger.error(`sync: ${String(error)}`));
    return next;
  }

  private refreshWanted = false;
  private refreshing = false;

  /** Remembers tables a commit wrote (null: unknown, every table), for the next pass to pick the queries to re-run. */
  noteWritten(tables: ReadonlySet<TableKey> | null): void {
    if (this.written === null) return;
    if (tables === null) this.written = null;
    else for (const table of tables) this.written.add(table);
  }

  /** Re-runs this session's queries soon; requests arriving meanwhile fold into one more pass. */
  requestRefresh(): void {
    this.refreshWanted = true;
    if (!this.refreshing) void this.refreshLoop();
  }

  private async refreshLoop(): Promise<void> {
    this.refreshing = true;
    try {
      while (this.refreshWanted && !this.closed) {
        this.refreshWanted = false;
        const t0 = performance.timeOrigin + performance.now();
        await this.serially(() => this.pushTransition(this.hub.cacheFor(latestCommitTs(this.hub.runtime.internals)), {})).catch(() => undefined);
        this.hub.options.onRefreshPass?.(t0, performance.timeOrigin + performance.now());
      }
    } finally {
      this.refreshing = false;
    }
  }

  private handle(message: ClientMessage): void {
    switch (message.type) {
      case "Connect":
      case "Event":
        return;
      case "ModifyQuerySet":
        void this.serially(async () => {
          if (message.baseVersion !== this.version.querySet) {
            return this.fail(`Query set version mismatch: base ${message.baseVersion}, server ${this.version.querySet}.`);
          }
          const removed: number[] = [];
          const added = message.modifications.filter((m) => m.type === "Add" && !this.queries.has(m.queryId)).length;
          const removing = message.modifications.filter((m) => m.type === "Remove").length;
          const limit = this.hub.options.maxSubscriptionsPerSession ?? DEFAULT_MAX_SUBSCRIPTIONS_PER_SESSION;
          if (this.queries.size + added - removing > limit) {
            return this.fail(`Too many subscriptions on one connection: at most ${limit} queries can be subscribed at once.`);
          }
          for (const modification of message.modifications) {
            if (modification.type === "Remove") {
              this.queries.delete(modification.queryId);
              removed.push(modification.queryId);
              continue;
            }
            let args: FunctionArgs;
            try {
              args = argsFromWire(modification.args);
            } catch {
              args = {};
            }
            this.queries.set(modification.queryId, {
              udfPath: modification.udfPath,
              args,
              argsKey: JSON.stringify(modification.args[0] ?? {}),
              componentPath: modification.componentPath || undefined,
            });
          }
          await this.pushTransition(new Map(), { querySet: message.newVersion, removed });
        });
        return;
      case "Authenticate":
        void this.serially(async () => {
          if (message.tokenType === "User") {
            try {
              this.identity = await this.hub.runtime.verifyToken(message.value ?? "");
            } catch (error) {
              // A refused token leaves the session signed out, never with the previous user's identity.
              this.identity = null;
              this.send({
                type: "AuthError",
                error: error instanceof Error ? error.message : String(error),
                baseVersion: message.baseVersion,
                authUpdateAttempted: true,
              });
              return;
            }
          } else {
            // Admin keys mean nothing here (everything is local); treat them as no user.
            this.identity = null;
          }
          await this.pushTransition(new Map(), { identity: message.baseVersion + 1 });
        });
        return;
      case "Mutation":
        // A client's mutations run in the order it sent them.
        this.mutations = this.mutations.then(() => this.runMutation(message));
        return;
      case "Action":
        void this.runAction(message);
        return;
    }
  }

  private async runMutation(message: Extract<ClientMessage, { type: "Mutation" }>): Promise<void> {
    try {
      if (message.componentPath) throw new Error("Only admin auth can call functions of a component.");
      const value = await this.hub.runtime.callPublic("mutation", message.udfPath, argsFromWire(message.args), this.identity);
      const ts = latestCommitTs(this.hub.runtime.internals);
      this.send({ type: "MutationResponse", requestId: message.requestId, success: true, result: toJson(value), ts: encodeTs(ts), logLines: [] });
      this.owedTs = this.owedTs !== null && this.owedTs > ts ? this.owedTs : ts;
      this.hub.scheduleRefresh(0);
    } catch (error) {
      const failure = describeFailure(error);
      if (!failure.expected) this.hub.options.logger.error(`mutation ${message.udfPath} failed: ${failure.errorMessage}`);
      this.send({
        type: "MutationResponse",
        requestId: message.requestId,
        success: false,
        result: failure.errorMessage,
        logLines: [],
        errorData: failure.errorData,
      });
    }
  }

  private async runAction(message: Extract<ClientMessage, { type: "Action" }>): Promise<void> {
    try {
      if (message.componentPath) throw new Error("Only admin auth can call functions of a component.");
      const value = await this.hub.runtime.callPublic("action", message.udfPath, argsFromWire(message.args), this.identity);
      this.send({ type: "ActionResponse", requestId: message.requestId, success: true, result: toJson(value), logLines: [] });
    } catch (error) {
      const failure = describeFailure(error);
      if (!failure.expected) this.hub.options.logger.error(`action ${message.udfPath} failed: ${failure.errorMessage}`);
      this.send({
        type: "ActionResponse",
        requestId: message.requestId,
        success: false,
        result: failure.errorMessage,
        logLines: [],
        errorData: failure.errorData,
      });
    }
  }

  private evaluate(subscription: Subscription, cache: PassCache): Promise<QueryOutcome> {
    const identityKey = this.identity ? JSON.stringify(this.identity) : "";
    const cacheKey = [identityKey, subscription.componentPath ?? "", subscription.udfPath, subscription.argsKey].join("\u0000");
    let outcome = cache.get(cacheKey);
    if (!outcome) {
      outcome = this.runQuery(subscription);
      cache.set(cacheKey, outcome);
    }
    return outcome;
  }

  private async runQuery(subscription: Subscription): Promise<QueryOutcome> {
    // What it reads before failing counts too: a query that failed on a missing document re-runs once it exists.
    const reads = new Set<TableKey>();
    try {
      if (subscription.componentPath) throw new Error("Only admin auth can call functions of a component.");
      const result = await this.hub.runtime.readTracker.track(reads, () =>
        this.hub.runtime.callPublic("query", subscription.udfPath, subscription.args, this.identity),
      );
      const pinned = pinnedPageArgs(subscription.args, result);
      if (pinned) Object.assign(subscription, { args: pinned, argsKey: JSON.stringify(pinned) });
      const value = toJson(result);
      return {
        key: `ok:${JSON.stringify(value)}`,
        reads,
        toModification: (queryId) => ({ type: "QueryUpdated", queryId, value, logLines: [], journal: null }),
      };
    } catch (error) {
      const { errorMessage, errorData } = describeFailure(error);
      return {
        key: `error:${errorMessage}:${JSON.stringify(errorData ?? null)}`,
        reads,
        toModification: (queryId) => ({ type: "QueryFailed", queryId, errorMessage, errorData, logLines: [], journal: null }),
      };
    }
  }

  /**
   * Re-runs this session's queries that are new or read a table written since the last pass (all of them
   * when the identity changed) and sends a Transition if a result, the query set or the identity changed,
   * or a mutation awaits one.
   */
  private async pushTransition(cache: PassCache, change: { querySet?: number; identity?: number; removed?: number[] }): Promise<void> {
    if (this.closed) return;
    const ts = latestCommitTs(this.hub.runtime.internals);
    const endTs = ts > this.version.ts ? ts : this.version.ts;
    // Taken before any query runs: a commit landing during this pass is seen by the next one.
    const written = this.written;
    this.written = new Set();
    const everything = change.identity !== undefined;
    const entries = [...this.queries.entries()].filter(
      ([, subscription]) => everything || subscription.reads === undefined || readsTouched(subscription.reads, written),
    );
    // In batches, yielding between them, so a session with thousands of queries cannot hold the
    // runtime's transaction queue: another client's mutation waits for one batch at most.
    const batchSize = this.hub.options.queryBatchSize ?? DEFAULT_QUERY_BATCH_SIZE;
    const outcomes: QueryOutcome[] = [];
    for (let start = 0; start < entries.length; start += batchSize) {
      if (start > 0) await yieldToOthers();
      if (this.closed) return;
      const batch = entries.slice(start, start + batchSize);
      outcomes.push(...(await Promise.all(batch.map(([, subscription]) => this.evaluate(subscription, cache)))));
    }
    if (this.closed) return;
    const modifications: StateModification[] = (change.removed ?? []).map((queryId) => ({ type: "QueryRemoved", queryId }));
    entries.forEach(([queryId, subscription], index) => {
      // A query removed while this pass ran is not reported.
      if (this.queries.get(queryId) !== subscription) return;
      const outcome = outcomes[index];
      subscription.reads = outcome.reads;
      if (outcome.key === subscription.lastSentKey) return;
      subscription.lastSentKey = outcome.key;
      modifications.push(outcome.toModification(queryId));
    });
    const owed = this.owedTs !== null && endTs >= this.owedTs;
    const versionChanged = change.querySet !== undefined || change.identity !== undefined;
    if (modifications.length === 0 && !versionChanged && !owed) return;
    const endVersion = {
      querySet: change.querySet ?? this.version.querySet,
      ts: endTs,
      identity: change.identity ?? this.version.identity,
    };
    this.send({
      type: "Transition",
      startVersion: { ...this.version, ts: encodeTs(this.version.ts) },
      endVersion: { ...endVersion, ts: encodeTs(endVersion.ts) },
      modifications,
    });
    this.version = endVersion;
    if (owed) this.owedTs = null;
  }
}

function toJson(value: Value | undefined): JSONValue {
  return convexToJson(value === undefined ? null : value);
}
