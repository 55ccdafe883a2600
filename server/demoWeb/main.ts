import { startDemoWebServer } from "./server";

/** `npx tsx server/demoWeb/main.ts` — serves the demo websites (DEMO_WEB_PORT, default 4500). */
const DEFAULT_PORT = 4500;

async function main(): Promise<void> {
  const raw = process.env.DEMO_WEB_PORT;
  const port = raw ? Number(raw) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`DEMO_WEB_PORT must be a port number (0–65535), got "${raw}"`);
  }
  const latencyMs = process.env.DEMO_WEB_LATENCY_MS ? Number(process.env.DEMO_WEB_LATENCY_MS) : undefined;
  const server = await startDemoWebServer({ port, latencyMs });
  console.log(`demo web listening on ${server.origin}`);
  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
