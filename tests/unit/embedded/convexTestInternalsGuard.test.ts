/**
 * The embedded backend reaches into convex-test's private state only through server/embedded/convexTestInternals.ts,
 * which checks that state's shape when the runtime starts: a convex-test that renamed or dropped any of it must
 * stop the backend with a message naming what changed, before it serves anything or touches a saved database.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { captureRuntimeInternals, ConvexTestInternalsError, guardConvexTest } from "../../../server/embedded/convexTestInternals";

const fn = async () => null;

/** An accessor with every method convex-test 0.0.60 has, public or not. */
function accessor(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const methods: Record<string, unknown> = { query: fn, mutation: fn, action: fn, run: fn, runInComponent: fn, fun: fn, fetch: fn, ...overrides };
  methods.withIdentity = overrides.withIdentity ?? (() => accessor(overrides));
  return methods;
}

const root = (overrides: Record<string, unknown> = {}) => ({ ...accessor(overrides), registerComponent: () => {}, ...overrides });

function guardError(candidate: unknown): string {
  try {
    guardConvexTest(candidate);
  } catch (error) {
    expect(error).toBeInstanceOf(ConvexTestInternalsError);
    return (error as Error).message;
  }
  throw new Error("the guard accepted it");
}

describe("the convex-test accessor guard", () => {
  it("accepts the shape the runtime is written against", () => {
    const candidate = root();
    expect(guardConvexTest(candidate)).toBe(candidate);
  });

  it.each(["fun", "runInComponent", "withIdentity", "registerComponent", "query"])("refuses an accessor without %s(), naming it", (method) => {
    expect(guardError(root({ [method]: undefined }))).toContain(`has no ${method}()`);
  });

  it("refuses when the accessor of an identity lost a method", () => {
    const message = guardError(root({ withIdentity: () => ({ ...accessor(), fun: "renamed" }) }));
    expect(message).toContain("convexTest().withIdentity() has no fun()");
    expect(message).toContain("0.0.60");
  });

  it("refuses what is not an object", () => {
    expect(guardError(undefined)).toContain("convexTest() is not an object");
  });
});

describe("the runtime-internals shape check", () => {
  const goodDb = () => ({ _documents: {}, _nextDocId: 1, _lastCreationTime: 0, _writes: [], get: () => null, patch: () => {} });
  const internals = (db: Record<string, unknown>, manager: Record<string, unknown> = { commit: () => null, _lastCommitTs: 0n }) => ({
    components: { "": { db } },
    transactionManager: manager,
    asyncSyscall: async () => "null",
  });
  const capture = (store: unknown) => captureRuntimeInternals((handler) => new AsyncLocalStorage().run(store, handler));

  it("finds a convex global of the expected shape", async () => {
    const store = internals(goodDb());
    expect(await capture(store)).toBe(store);
  });

  it.each([
    ["_documents", "DatabaseFake._documents is missing"],
    ["_writes", "DatabaseFake._writes is missing"],
    ["patch", "DatabaseFake.get/patch are missing"],
  ])("refuses a database without %s", async (field, message) => {
    await expect(capture(internals({ ...goodDb(), [field]: undefined }))).rejects.toThrow(message);
  });

  it("refuses a transaction manager whose commit timestamp is no longer a bigint", async () => {
    await expect(capture(internals(goodDb(), { commit: () => null, _lastCommitTs: 0 }))).rejects.toThrow("TransactionManager._lastCommitTs is not a bigint");
  });

  it("refuses when no convex global is ever entered", async () => {
    await expect(captureRuntimeInternals(async () => null)).rejects.toThrow(ConvexTestInternalsError);
  });
});
