import http from "node:http";

export interface DemoResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  bytes: number;
}

/** One GET to the demo server with a chosen Host header (fetch cannot set Host). */
export function getFromDemo(origin: string, host: string, path: string, options: { proto?: "http" | "https"; timeoutMs?: number } = {}): Promise<DemoResponse> {
  const target = new URL(origin);
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        hostname: target.hostname,
        port: target.port,
        path,
        headers: { host, ...(options.proto ? { "x-forwarded-proto": options.proto } : {}) },
        agent: false,
        signal: options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const buffer = Buffer.concat(chunks);
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: buffer.toString("utf8"), bytes: buffer.length });
        });
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}
