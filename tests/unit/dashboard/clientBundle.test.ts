/**
 * API keys never reach the browser: a production build of the dashboard (vite.config.ts, the same config as
 * `npm run build`) with canary values for every server secret, in a .env file and in the environment, contains
 * none of them, while the one VITE_ variable the dashboard reads does reach it (so the build did see the env).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import { afterAll, describe, expect, it } from "vitest";

const repoDir = fileURLToPath(new URL("../../..", import.meta.url));
const workDir = mkdtempSync(path.join(tmpdir(), "atlas-bundle-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The secrets the backend reads (lib/providers/*, Convex Auth), each with a value found nowhere else. */
const SECRETS: Record<string, string> = {
  GOOGLE_PLACES_API_KEY: "canary-places-7f3a91",
  FIRECRAWL_API_KEY: "fc-canary-firecrawl-5be2d0",
  OPENAI_API_KEY: "sk-canary-openai-c41e88",
  JWT_PRIVATE_KEY: "canary-jwt-private-key-9d07aa",
  JWKS: "canary-jwks-61f3c2",
};
const PUBLIC_URL = "http://canary-convex-url.example:3210";

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe("the dashboard's production bundle", () => {
  it("holds no server secret from .env or the environment, only VITE_ variables", async () => {
    // The .env file (what `npm run build` reads from the repo) holds the secrets too, with another value each.
    const envDir = workDir;
    const outDir = path.join(workDir, "dist");
    const lines = [...Object.entries(SECRETS).map(([name, value]) => `${name}=${value}-file`), `VITE_CONVEX_URL=${PUBLIC_URL}`];
    writeFileSync(path.join(envDir, ".env"), `${lines.join("\n")}\n`);
    // Vite's build may also set NODE_ENV: put back as it was for the other tests of this worker.
    const previous = Object.fromEntries([...Object.keys(SECRETS), "NODE_ENV"].map((name) => [name, process.env[name]]));
    Object.assign(process.env, SECRETS);
    try {
      await build({
        configFile: path.join(repoDir, "vite.config.ts"),
        mode: "production",
        envDir,
        logLevel: "silent",
        build: { outDir, emptyOutDir: true },
      });
    } finally {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }

    const files = filesUnder(outDir);
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    const bundle = files.map((file) => readFileSync(file, "utf8")).join("\n");
    expect(bundle).toContain(PUBLIC_URL);
    for (const [name, value] of Object.entries(SECRETS)) expect(bundle.includes(value), name).toBe(false);
  }, 30_000);
});
