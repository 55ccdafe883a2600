/**
 * The provider env integration tests run under, set for a file by one call instead of a beforeEach/afterEach
 * pair in every file. No test reaches the network: demo Places, the built-in crawler, the heuristic writer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { startDemoWebServer, type DemoWebServer, type DemoWebServerOptions } from "../../server/demoWeb/server";
import { withEnv } from "./convexTestSetup";

type Env = Record<string, string | undefined>;

/** Keyless providers; a developer's own keys in the environment must not switch a test to a paid provider. */
const DEMO_PROVIDERS: Env = { PLACES_PROVIDER: "demo", GOOGLE_PLACES_API_KEY: undefined, CRAWL_PROVIDER: "builtin", LLM_PROVIDER: "heuristic" };

/**
 * Every test of the file on fake timers (`drainWorkflows` runs the workflows) with the demo providers; websites
 * point at a closed local port, so each audit fails fast and leads keep their Places score (deepAudit.test.ts
 * crawls for real).
 */
export function useOfflineRuns(): void {
  let restoreEnv: () => void;
  beforeEach(() => {
    vi.useFakeTimers();
    restoreEnv = withEnv({ ...DEMO_PROVIDERS, DEMO_WEB_ORIGIN: "http://127.0.0.1:9" });
  });
  afterEach(() => {
    vi.useRealTimers();
    restoreEnv();
  });
}

/**
 * The demo web server on a free port for the whole file (real timers, like `npm run dev`), and the demo providers
 * pointed at it; `env` adds to or overrides them.
 */
export function useDemoWeb(options: DemoWebServerOptions = {}, env: Env = {}): void {
  let server: DemoWebServer | undefined;
  let restoreEnv: (() => void) | undefined;
  // Building the sites' pages takes a few seconds, more than the 10 s hook default on a busy machine.
  beforeAll(async () => {
    server = await startDemoWebServer({ port: 0, ...options });
    restoreEnv = withEnv({ ...DEMO_PROVIDERS, DEMO_WEB_ORIGIN: server.origin, ...env });
  }, 60_000);
  afterAll(async () => {
    restoreEnv?.();
    await server?.close();
  });
}
