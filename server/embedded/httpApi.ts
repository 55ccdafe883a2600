/**
 * The deployment HTTP API that ConvexHttpClient uses (node_modules/convex/src/browser/http_client.ts):
 * POST /api/query, /api/query_at_ts, /api/mutation, /api/action, /api/function, /api/query_ts.
 * Success: 200 `{status:"success", value, logLines}`; a function error: 560 `{status:"error", errorMessage, errorData?}`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { UserIdentity } from "convex/server";
import { convexToJson, type JSONValue } from "convex/values";
import { z } from "zod";
import { readRequestBody } from "../requestBody";
import { latestCommitTs } from "./convexTestInternals";
import { describeFailure } from "./functionFailure";
import { TokenRefused } from "./identityToken";
import type { EmbeddedRuntime, FunctionKind } from "./runtime";
import { argsFromWire } from "./syncSessions";
import { encodeTs } from "./syncWire";

/** Must match the backend's STATUS_CODE_UDF_FAILED. */
const STATUS_CODE_UDF_FAILED = 560;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

const requestSchema = z.object({
  path: z.string(),
  args: z.unknown().optional(),
  format: z.string().optional(),
  componentPath: z.string().optional(),
  ts: z.string().optional(),
});

const ROUTES: Record<string, FunctionKind | "any"> = {
  "/api/query": "query",
  "/api/query_at_ts": "query",
  "/api/mutation": "mutation",
  "/api/action": "action",
  "/api/function": "any",
};

/** Loopback origins only: a page on some other site must not drive the local backend from the user's browser. */
export function isAllowedOrigin(origin: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    const { hostname, protocol } = new URL(origin);
    return (protocol === "http:" || protocol === "https:") && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json" });
  response.end(JSON.stringify(body));
}

/** The verified identity of a `Bearer` token; no header is no identity; a token that fails verification throws. */
export async function identityFromHeader(runtime: EmbeddedRuntime, header: string | undefined): Promise<Partial<UserIdentity> | null> {
  if (!header?.startsWith("Bearer ")) return null;
  return await runtime.verifyToken(header.slice("Bearer ".length));
}

async function resolveKind(runtime: EmbeddedRuntime, route: FunctionKind | "any", udfPath: string): Promise<FunctionKind> {
  if (route !== "any") return route;
  const fn = await runtime.findFunction(udfPath);
  return fn?.isMutation ? "mutation" : fn?.isAction ? "action" : "query";
}

export async function handleHttpRequest(runtime: EmbeddedRuntime, request: IncomingMessage, response: ServerResponse, version: string): Promise<void> {
  const origin = request.headers.origin;
  if (!isAllowedOrigin(origin)) {
    response.writeHead(403, { "Content-Type": "text/plain" }).end("Origin not allowed");
    return;
  }
  if (origin !== undefined) {
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Vary", "Origin");
    response.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, Convex-Client");
    response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  }
  const pathname = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
  if (request.method === "OPTIONS") {
    response.writeHead(204).end();
    return;
  }
  if (request.method === "GET" && (pathname === "/version" || pathname === "/instance_version")) {
    response.writeHead(200, { "Content-Type": "text/plain" }).end(version);
    return;
  }
  if (request.method === "GET" && pathname === "/") {
    response.writeHead(200, { "Content-Type": "text/plain" }).end("Atlas Outbound embedded Convex backend\n");
    return;
  }
  if (request.method === "POST" && pathname === "/api/query_ts") {
    sendJson(response, 200, { ts: encodeTs(latestCommitTs(runtime.internals)) });
    return;
  }
  const route = ROUTES[pathname];
  if (request.method !== "POST" || route === undefined) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end(`No route for ${request.method} ${pathname}`);
    return;
  }
  let body: z.infer<typeof requestSchema>;
  let identity: Partial<UserIdentity> | null;
  try {
    body = requestSchema.parse(JSON.parse((await readRequestBody(request, MAX_BODY_BYTES)).toString("utf8")));
    identity = await identityFromHeader(runtime, request.headers.authorization);
  } catch (error) {
    if (error instanceof TokenRefused) {
      // As a deployment answers a bad Authorization header: nothing runs.
      sendJson(response, 401, { code: "Unauthenticated", message: error.message });
      return;
    }
    response.writeHead(400, { "Content-Type": "text/plain" }).end(`Bad request: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  try {
    if (body.componentPath) throw new Error("Only admin auth can call functions of a component.");
    // /api/function sends the args object itself; the others send `[args]`.
    const args = argsFromWire(Array.isArray(body.args) ? (body.args as JSONValue[]) : [(body.args ?? {}) as JSONValue]);
    const kind = await resolveKind(runtime, route, body.path);
    const value = await runtime.callPublic(kind, body.path, args, identity);
    sendJson(response, 200, { status: "success", value: convexToJson(value ?? null), logLines: [] });
  } catch (error) {
    const failure = describeFailure(error);
    sendJson(response, STATUS_CODE_UDF_FAILED, {
      status: "error",
      errorMessage: failure.errorMessage,
      errorData: failure.errorData,
      logLines: [],
    });
  }
}
