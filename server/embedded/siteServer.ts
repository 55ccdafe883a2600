/**
 * The site URL of the embedded deployment (Convex's local backend serves it on 3211): every request is handed to the
 * HTTP action convex/http.ts routes it to (Convex Auth's `/.well-known/openid-configuration`, `/.well-known/jwks.json`,
 * OAuth callbacks…). A `Bearer` token is verified exactly as on the API port; a refused one is a 401 and runs nothing.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readRequestBody } from "../requestBody";
import { identityFromHeader } from "./httpApi";
import { TokenRefused } from "./identityToken";
import type { EmbeddedRuntime } from "./runtime";

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  return await readRequestBody(request, MAX_BODY_BYTES);
}

async function handle(runtime: EmbeddedRuntime, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let identity;
  try {
    identity = await identityFromHeader(runtime, request.headers.authorization);
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw error;
    response.writeHead(401, { "Content-Type": "application/json" }).end(JSON.stringify({ code: "Unauthenticated", message: error.message }));
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = await readBody(request);
  const result = await runtime.fetchHttpAction(
    request.url ?? "/",
    { method: request.method, headers, body: body ? new Uint8Array(body) : undefined },
    identity,
  );
  const outHeaders: Record<string, string> = {};
  result.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  response.writeHead(result.status, outHeaders).end(Buffer.from(await result.arrayBuffer()));
}

export type SiteServer = { server: Server; port: number; url: string };

export async function startSiteServer(runtime: () => EmbeddedRuntime, host: string, port: number, logError: (message: string) => void): Promise<SiteServer> {
  const server = createServer((request, response) => {
    handle(runtime(), request, response).catch((error: unknown) => {
      logError(`HTTP action ${request.method} ${request.url} failed: ${String(error)}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  return { server, port: actualPort, url: `http://${host}:${actualPort}` };
}
