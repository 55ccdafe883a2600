/**
 * The client sync protocol's wire messages, as node_modules/convex/src/browser/sync/protocol.ts (convex 1.48)
 * defines them. Client messages are validated here; server messages are built with these types.
 */
import type { JSONValue } from "convex/values";
import { z } from "zod";

/** The convex version whose protocol.ts this file copies; package.json pins convex to exactly this (tests/unit/syncWireVersion.test.ts). */
export const SYNC_PROTOCOL_CONVEX_VERSION = "1.48.0";

/** A timestamp on the wire: a u64 as 8 little-endian bytes in base64 (protocol.ts `longToU64`). */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt.asUintN(64, ts));
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint {
  return Buffer.from(encoded, "base64").readBigUInt64LE(0);
}

const jsonValue: z.ZodType<JSONValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const addQuery = z.object({
  type: z.literal("Add"),
  queryId: z.number().int().nonnegative(),
  udfPath: z.string(),
  args: z.array(jsonValue),
  journal: z.string().nullable().optional(),
  componentPath: z.string().optional(),
});

const removeQuery = z.object({ type: z.literal("Remove"), queryId: z.number().int().nonnegative() });

export const clientMessageSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("Connect"),
    sessionId: z.string(),
    connectionCount: z.number(),
    lastCloseReason: z.string().nullable(),
    maxObservedTimestamp: z.string().optional(),
    clientTs: z.number().optional(),
  }),
  z.object({
    type: z.literal("ModifyQuerySet"),
    baseVersion: z.number().int().nonnegative(),
    newVersion: z.number().int().nonnegative(),
    modifications: z.array(z.discriminatedUnion("type", [addQuery, removeQuery])),
  }),
  z.object({
    type: z.literal("Mutation"),
    requestId: z.number().int().nonnegative(),
    udfPath: z.string(),
    args: z.array(jsonValue),
    componentPath: z.string().optional(),
  }),
  z.object({
    type: z.literal("Action"),
    requestId: z.number().int().nonnegative(),
    udfPath: z.string(),
    args: z.array(jsonValue),
    componentPath: z.string().optional(),
  }),
  z.object({
    type: z.literal("Authenticate"),
    tokenType: z.enum(["Admin", "User", "None"]),
    value: z.string().optional(),
    baseVersion: z.number().int().nonnegative(),
    impersonating: z.unknown().optional(),
  }),
  z.object({ type: z.literal("Event"), eventType: z.string(), event: z.unknown() }),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type AddQueryMessage = z.infer<typeof addQuery>;

export type WireStateVersion = { querySet: number; ts: string; identity: number };

export type StateModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: null }
  | { type: "QueryFailed"; queryId: number; errorMessage: string; logLines: string[]; errorData?: JSONValue; journal: null }
  | { type: "QueryRemoved"; queryId: number };

export type ServerMessage =
  | { type: "Transition"; startVersion: WireStateVersion; endVersion: WireStateVersion; modifications: StateModification[] }
  | { type: "MutationResponse"; requestId: number; success: true; result: JSONValue; ts: string; logLines: string[] }
  | { type: "MutationResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "ActionResponse"; requestId: number; success: true; result: JSONValue; logLines: string[] }
  | { type: "ActionResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue }
  | { type: "AuthError"; error: string; baseVersion: number; authUpdateAttempted: boolean }
  | { type: "FatalError"; error: string }
  | { type: "Ping" };
