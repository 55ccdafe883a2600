/// <reference types="vite/client" />
import { createRequire } from "node:module";
import path from "node:path";
import workflowComponent from "@convex-dev/workflow/test";
import { convexTest } from "convex-test";
import type { GenericSchema, SchemaDefinition } from "convex/server";
import { vi } from "vitest";
import { api } from "../../convex/_generated/api";
import type { Id } from "../../convex/_generated/dataModel";
import schema from "../../convex/schema";
import { buildModuleMap } from "../../server/embedded/moduleMap";
import rateLimiterSchema from "../../node_modules/@convex-dev/rate-limiter/dist/component/schema.js";
import batchWorkerSchema from "../../node_modules/@convex-dev/rate-limiter/node_modules/@convex-dev/batch-worker/dist/component/schema.js";
import { waitFor } from "../waitFor";

export const modules = import.meta.glob("../../convex/**/*.*s");

/** The rate limiter's dist (its published `./test` helper globs sources it does not ship), and its own batch-worker. */
const require = createRequire(import.meta.url);
const rateLimiterDist = path.join(path.dirname(require.resolve("@convex-dev/rate-limiter/package.json")), "dist");
const rateLimiterModules = buildModuleMap(rateLimiterDist, "component", [".js"]);
const batchWorkerDist = path.join(path.dirname(rateLimiterDist), "node_modules/@convex-dev/batch-worker/dist");
const batchWorkerModules = buildModuleMap(batchWorkerDist, "component", [".js"]);

/** convex-test with the workflow (and its workpool) and rate-limiter components registered, as their repos' tests do. */
export function initConvexTest() {
  const t = convexTest(schema, modules);
  workflowComponent.register(t);
  t.registerComponent("rateLimiter", rateLimiterSchema as SchemaDefinition<GenericSchema, boolean>, rateLimiterModules);
  t.registerComponent("rateLimiter/batchWorker", batchWorkerSchema as SchemaDefinition<GenericSchema, boolean>, batchWorkerModules);
  return t;
}
export type TestConvex = ReturnType<typeof initConvexTest>;

/** Test users. A signed-in caller gets a real Convex Auth `users` row and session (see `signedInAs`). */
export const OWNER_IDENTITY = { name: "Test Owner", email: "owner@atlas.test" };
export const OTHER_IDENTITY = { name: "Other Agency Owner", email: "other@atlas.test" };
/** The issuer Convex Auth puts in its tokens (the deployment's CONVEX_SITE_URL). */
export const TEST_ISSUER = "https://atlas.test";

type Accessor = ReturnType<TestConvex["withIdentity"]>;
const identities = new WeakMap<TestConvex, Map<string, Promise<UserIdentityFields>>>();
type UserIdentityFields = { subject: string; issuer: string; tokenIdentifier: string; name: string; email: string };

/**
 * The identity Convex Auth gives a signed-in user: subject "userId|sessionId" (what `getAuthUserId` parses),
 * for a `users` row and an `authSessions` row created once per test backend and user.
 */
function identityFor(t: TestConvex, user: { name: string; email: string }): Promise<UserIdentityFields> {
  let byEmail = identities.get(t);
  if (!byEmail) identities.set(t, (byEmail = new Map()));
  let identity = byEmail.get(user.email);
  if (!identity) {
    identity = t.run(async (ctx) => {
      const userId = await ctx.db.insert("users", { name: user.name, email: user.email });
      const sessionId = await ctx.db.insert("authSessions", { userId, expirationTime: Date.now() + 30 * 86_400_000 });
      const subject = `${userId}|${sessionId}`;
      return { subject, issuer: TEST_ISSUER, tokenIdentifier: `${TEST_ISSUER}|${subject}`, ...user };
    });
    byEmail.set(user.email, identity);
  }
  return identity;
}

/** Calls public functions as a signed-in user (created on first use); same methods as `t.withIdentity(...)`. */
export function signedInAs(t: TestConvex, user: { name: string; email: string }): Accessor {
  return new Proxy({} as Accessor, {
    get:
      (_target, method: string) =>
      async (...args: unknown[]) => {
        const accessor = t.withIdentity(await identityFor(t, user)) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return await accessor[method](...args);
      },
  });
}

/** Call public functions as the test agency's owner. */
export function asOwner(t: TestConvex): Accessor {
  return signedInAs(t, OWNER_IDENTITY);
}

/** Call public functions as the owner of a second, unrelated agency. */
export function asOther(t: TestConvex): Accessor {
  return signedInAs(t, OTHER_IDENTITY);
}

/** The `users` id behind a test user (for assertions on ownership). */
export async function userIdOf(t: TestConvex, user: { name: string; email: string }) {
  return (await identityFor(t, user)).subject.split("|")[0] as Id<"users">;
}

/** Run every scheduled function and workflow step (retries and backoff included) on fake timers. */
export async function drainWorkflows(t: TestConvex) {
  await t.finishAllScheduledFunctions(vi.runAllTimers, 1_000);
}

export async function setupDemoAgency(t: TestConvex) {
  return await asOwner(t).mutation(api.agency.ensureDemo, {});
}

/** Set env vars for one test, restoring them afterwards. */
export function withEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/**
 * With real timers (as `npm run dev` runs): wait until the run leaves `running`. The default stays below the
 * integration project's 60 s test timeout (vitest.config.ts).
 */
export async function waitForRunEnd(t: TestConvex, jobId: Id<"lead_gen_flow">, timeoutMs = 50_000) {
  let last: string | undefined;
  return await waitFor(
    async () => {
      const view = await asOwner(t).query(api.marketing.getRun, { jobId });
      last = view?.run.lastEvent.message;
      return view && view.run.workflowStatus !== "running" ? view : undefined;
    },
    { timeoutMs, what: () => `the run to end (still running: ${last})` },
  );
}
