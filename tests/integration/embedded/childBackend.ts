/** Runs the embedded backend (server/embedded/main.ts) as a child process, to kill it with SIGKILL. */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { REPO_DIR } from "./harness";

/**
 * The site port (CONVEX_SITE_URL, the issuer of sign-in tokens) stays the same across restarts on one
 * data file, as a deployment's does: a token issued before a kill is still valid after it.
 */
const sitePorts = new Map<string, number>();
async function sitePortFor(dataFile: string): Promise<number> {
  const known = sitePorts.get(dataFile);
  if (known) return known;
  const port = await new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as { port: number };
      probe.close(() => resolve(free));
    });
  });
  sitePorts.set(dataFile, port);
  return port;
}

export type ChildBackend = { url: string; process: ChildProcess; stderr: () => string; kill9: () => Promise<void> };

export async function startChildBackend(options: { projectDir: string; dataFile: string; env?: NodeJS.ProcessEnv }): Promise<ChildBackend> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_DIR, "server/embedded/main.ts")], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      ...options.env,
      EMBEDDED_PROJECT_DIR: options.projectDir,
      EMBEDDED_DATA_FILE: options.dataFile,
      EMBEDDED_PORT: "0",
      EMBEDDED_SITE_PORT: String(await sitePortFor(options.dataFile)),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (http:\/\/[0-9.]+:[0-9]+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`embedded backend exited (${code}) before listening: ${stderr}`)));
  });
  return {
    url,
    process: child,
    stderr: () => stderr,
    kill9: async () => {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
