/** Runs the embedded backend (server/embedded/main.ts) as a child process, to kill it with SIGKILL. */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { REPO_DIR } from "./harness";

export type ChildBackend = { url: string; process: ChildProcess; stderr: () => string; kill9: () => Promise<void> };

export async function startChildBackend(options: { projectDir: string; dataFile: string; env?: NodeJS.ProcessEnv }): Promise<ChildBackend> {
  // `node --import tsx`, not the tsx CLI: the CLI runs the script in a grandchild that SIGKILL would miss.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(REPO_DIR, "server/embedded/main.ts")], {
    cwd: REPO_DIR,
    env: { ...process.env, ...options.env, EMBEDDED_PROJECT_DIR: options.projectDir, EMBEDDED_DATA_FILE: options.dataFile, EMBEDDED_PORT: "0" },
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
