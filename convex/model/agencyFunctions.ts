/**
 * The builders every public function uses (convex-helpers' custom functions, as in its own examples):
 *
 * - `agencyQuery` / `agencyMutation`: the caller must be signed in and own an agency;
 *   `ctx.userId` and `ctx.agency` are set, and `ctx.db` only sees that agency's rows (a row of another
 *   agency reads as missing, and cannot be written), so no function compares `agencyId`s by hand.
 * - `userQuery` / `userMutation`: signed in, agency optional (`ctx.agency` may be null) — for the profile and
 *   onboarding functions that run before the agency exists (agency.get / save / ensureDemo, onboarding.*).
 *   `ctx.db` only sees the user's own rows: their `users` row, their onboarding flows and the profile they own
 *   (by `ownerId`; they may create it); every other table reads as empty. `userMutation` also gives
 *   `ctx.claimOrphanedProfile()`, the one unscoped step (convex/model/agency.ts `claimOrphanForFirstUser`).
 *
 * Without an identity every one of them throws `ConvexError({ code: "UNAUTHENTICATED" })` before the
 * handler runs, so nothing is returned or changed.
 *
 * There is no `agencyAction`: the dashboard calls only queries and mutations (paid work runs in the workflow's
 * internal actions). A public action would resolve the agency through an internal query run with the caller's
 * identity, as convex-helpers' `customAction` examples do.
 */
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import { wrapDatabaseReader, wrapDatabaseWriter, type Rules } from "convex-helpers/server/rowLevelSecurity";
import type { DataModel, Doc, Id } from "../_generated/dataModel";
import { mutation, query, type QueryCtx } from "../_generated/server";
import { agencyForUser, claimOrphanForFirstUser, NO_AGENCY_PROFILE, requireUserId } from "./agency";
import { userError } from "./errors";

type AgencyDoc = Doc<"agency_profile">;

/** Row rules for what belongs to the user, not to an agency: their own `users` row and onboarding flows. */
function userOwnedRules(userId: Id<"users">) {
  const own = async (_ctx: unknown, doc: { ownerId: Id<"users"> }) => doc.ownerId === userId;
  return {
    users: { read: async (_ctx: unknown, doc: Doc<"users">) => doc._id === userId, modify: async () => false, insert: async () => false },
    // Onboarding flows belong to the user (a new user has no agency yet), not to the agency.
    onboarding_flow: { read: own, modify: own, insert: own },
  } satisfies Rules<unknown, DataModel>;
}

/** Row rules of `userQuery` / `userMutation`: the user's own rows and the profile they own (or create). */
function userRules(userId: Id<"users">): Rules<unknown, DataModel> {
  const owns = async (_ctx: unknown, doc: { ownerId?: Id<"users"> }) => doc.ownerId === userId;
  return { ...userOwnedRules(userId), agency_profile: { read: owns, modify: owns, insert: owns } };
}

/** Row rules: a table holding agency rows is visible and writable only for the caller's agency. */
function agencyRules(rawDb: QueryCtx["db"], agency: AgencyDoc, userId: Id<"users">): Rules<unknown, DataModel> {
  const own = async (_ctx: unknown, doc: { agencyId: Id<"agency_profile"> }) => doc.agencyId === agency._id;
  const ownRows = { read: own, modify: own, insert: own };
  return {
    agency_profile: {
      read: async (_ctx, doc) => doc._id === agency._id,
      modify: async (_ctx, doc) => doc._id === agency._id,
      insert: async () => false,
    },
    lead_gen_flow: ownRows,
    client_opportunities: ownRows,
    campaigns: ownRows,
    audit_jobs: ownRows,
    audit_dossier: ownRows,
    agency_usage: ownRows,
    opportunity_notes: ownRows,
    outreach_edits: ownRows,
    lead_status_counts: ownRows,
    lead_signals: ownRows,
    report_share_links: ownRows,
    // Pages carry their audit job, not the agency: visible when the job is the agency's.
    crawl_pages: {
      read: async (_ctx, doc) => (await rawDb.get("audit_jobs", doc.auditJobId))?.agencyId === agency._id,
      modify: async (_ctx, doc) => (await rawDb.get("audit_jobs", doc.auditJobId))?.agencyId === agency._id,
      insert: async (_ctx, doc) => (await rawDb.get("audit_jobs", doc.auditJobId))?.agencyId === agency._id,
    },
    ...userOwnedRules(userId),
  };
}
/** Convex Auth's own tables (sessions, accounts, tokens…) are not for agency functions: deny what has no rule. */
const RLS_CONFIG = { defaultPolicy: "deny" } as const;

async function requireAgency(ctx: QueryCtx) {
  const userId = await requireUserId(ctx);
  const agency = await agencyForUser(ctx, userId);
  if (!agency) throw userError(NO_AGENCY_PROFILE);
  return { userId, agency };
}

export const agencyQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const { userId, agency } = await requireAgency(ctx);
    return { userId, agency, db: wrapDatabaseReader(ctx, ctx.db, agencyRules(ctx.db, agency, userId), RLS_CONFIG) };
  }),
);

export const agencyMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const { userId, agency } = await requireAgency(ctx);
    return { userId, agency, db: wrapDatabaseWriter(ctx, ctx.db, agencyRules(ctx.db, agency, userId), RLS_CONFIG) };
  }),
);

/** Signed in; `ctx.agency` is the user's agency or null (profile set-up). */
export const userQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const userId = await requireUserId(ctx);
    return { userId, agency: await agencyForUser(ctx, userId), db: wrapDatabaseReader(ctx, ctx.db, userRules(userId), RLS_CONFIG) };
  }),
);

export const userMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const userId = await requireUserId(ctx);
    return {
      userId,
      agency: await agencyForUser(ctx, userId),
      db: wrapDatabaseWriter(ctx, ctx.db, userRules(userId), RLS_CONFIG),
      /** Hands an ownerless profile to this user when the embedded backend allows it; it must see all users and profiles. */
      claimOrphanedProfile: () => claimOrphanForFirstUser(ctx, userId),
    };
  }),
);
