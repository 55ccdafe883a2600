import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RecordedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export type FakeHandler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface RecordingServer {
  baseUrl: string;
  requests: RecordedRequest[];
  /** Replace how the server answers; requests keep being recorded. */
  respond(handler: FakeHandler): void;
  close(): Promise<void>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json; charset=UTF-8" });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
}

/** A local stand-in for an external API (Google Places, Firecrawl, OpenAI) on 127.0.0.1, random port, recording every request. */
export async function startRecordingServer(): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let handler: FakeHandler = (_req, res) => sendJson(res, 404, { error: { code: 404, message: "no handler", status: "NOT_FOUND" } });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        url: new URL(req.url ?? "/", "http://127.0.0.1"),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, res)).catch((error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    respond(next) {
      handler = next;
    },
    close() {
      server.closeAllConnections(); // slow handlers hold sockets open
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answer after `ms`, unless the client has hung up by then. */
export function answerLater(ms: number, answer: FakeHandler): FakeHandler {
  return (request, response) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        if (!response.destroyed) void answer(request, response);
        resolve();
      }, ms);
      response.on("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });
}
