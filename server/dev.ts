/**
 * `npm run dev` (`tsx server/dev.ts`): the whole product offline, on 127.0.0.1.
 *
 * Without VITE_CONVEX_URL: the embedded Convex backend (:3210), the demo web server (:4500) and Vite (:5173),
 * each in its own process (convex-test forbids timers during a mutation, so Vite must not share its process).
 * With VITE_CONVEX_URL (a deployment from `npx convex dev`): only Vite.
 * Prints one line per service once it listens; Ctrl-C / SIGTERM stops every child process group.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadEnv } from "vite";
import { describeActiveProviders } from "../lib/providers/activeProviders";
import { loadEnvFiles } from "./envFiles";
import { embeddedNodeOptions } from "./embedded/nodeOptions";

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 90_000;
const STOP_GRACE_MS = 8_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
const viteCli = path.join(root, "node_modules/vite/bin/vite.js");

/**
 * Keys the README tells users to put in `.env.local` (or `.env`) reach the backend and its
 * actions: loaded into this process's env, which every service inherits. The shell wins over
 * `.env.local`, which wins over `.env` (loadEnvFile never overrides a variable already set).
 */
const loadedEnvFiles = loadEnvFiles(root);

type Service = { name: string; args: string[]; port: number; url: string; env?: Record<string, string> };

/** A deployment URL from the shell or from the .env files Vite reads (`npx convex dev` writes .env.local). */
const deploymentUrl = process.env.VITE_CONVEX_URL || loadEnv("development", root, "VITE_").VITE_CONVEX_URL || undefined;

function plannedServices(): Service[] {
  const services: Service[] = [];
  if (!deploymentUrl) {
    const backendPort = Number(process.env.EMBEDDED_PORT ?? 3210);
    const demoPort = Number(process.env.DEMO_WEB_PORT ?? 4500);
    services.push({
      name: "embedded backend",
      args: [tsxCli, "server/embedded/main.ts"],
      port: backendPort,
      url: `http://${HOST}:${backendPort}`,
      env: {
        EMBEDDED_PORT: String(backendPort),
        NODE_OPTIONS: embeddedNodeOptions(process.env.NODE_OPTIONS),
        DEMO_WEB_ORIGIN: process.env.DEMO_WEB_ORIGIN ?? `http://${HOST}:${demoPort}`,
        // Convex Auth's SITE_URL: the dashboard.
        SITE_URL: process.env.SITE_URL ?? `http://localhost:${Number(process.env.DASHBOARD_PORT ?? 5173)}`,
      },
    });
    if (existsSync(path.join(root, "server/demoWeb/main.ts"))) {
      services.push({
        name: "demo websites",
        args: [tsxCli, "server/demoWeb/main.ts"],
        port: demoPort,
        url: `http://${HOST}:${demoPort}`,
        env: { DEMO_WEB_PORT: String(demoPort) },
      });
    }
  }
  const dashboardPort = Number(process.env.DASHBOARD_PORT ?? 5173);
  const embedded = services.find((s) => s.name === "embedded backend");
  services.push({
    name: "dashboard (vite)",
    args: [viteCli, "--host", HOST, "--port", String(dashboardPort), "--strictPort"],
    port: dashboardPort,
    url: `http://localhost:${dashboardPort}`,
    // The dashboard follows the embedded backend to whatever port it was given, and knows it is the local one
    // (it then prefills sign-up with a local demo account; never against a deployment).
    env: embedded ? { VITE_CONVEX_URL: embedded.url, VITE_EMBEDDED_BACKEND: "1" } : undefined,
  });
  return services;
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const children = new Map<string, ChildProcess>();
let stopping = false;

/** Signals a child's whole process group (tsx runs the script in a grandchild process). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stopAll(exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    const exits = [...children.values()].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
        }),
    );
    for (const child of children.values()) signalGroup(child, "SIGTERM");
    const grace = new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    await Promise.race([Promise.all(exits), grace]);
    // Whatever is left in a group (a stuck grandchild) does not outlive the launcher.
    for (const child of children.values()) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Group already empty.
      }
    }
  }
  process.exit(exitCode);
}

function start(service: Service): ChildProcess {
  const child = spawn(process.execPath, service.args, {
    cwd: root,
    env: { ...process.env, ...service.env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // own process group, so stopping reaches tsx's child process too
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) process.stderr.write(`[${service.name}] ${line}\n`);
  });
  child.once("exit", (code, signal) => {
    if (stopping) return;
    process.stderr.write(`[${service.name}] exited (${signal ?? `code ${code}`}); stopping the other services.\n`);
    void stopAll(1);
  });
  children.set(service.name, child);
  return child;
}

async function waitUntilListening(service: Service): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!stopping) {
    if (await portAccepts(service.port)) {
      process.stdout.write(`${service.name.padEnd(18)} ${service.url}\n`);
      return;
    }
    if (Date.now() > deadline) {
      process.stderr.write(`[${service.name}] did not listen on ${service.url} within ${READY_TIMEOUT_MS / 1000} s.\n`);
      await stopAll(1);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

process.on("SIGINT", () => void stopAll(130));
process.on("SIGTERM", () => void stopAll(143));
process.on("SIGHUP", () => void stopAll(129));

const services = plannedServices();
for (const service of services) {
  if (await portAccepts(service.port)) {
    process.stderr.write(`Port ${service.port} (${service.name}) is already in use on ${HOST}: stop whatever holds it first.\n`);
    process.exit(1);
  }
}
if (deploymentUrl) process.stdout.write(`Using the Convex deployment at ${deploymentUrl} (embedded backend not started).\n`);
else {
  // What the embedded backend's actions will use (a deployment reads its own env: \`npx convex env set\`).
  const from =
    loadedEnvFiles.length > 0
      ? ` (env from the shell, ${loadedEnvFiles.join(", ")})`
      : process.env.ATLAS_ENV_FILES === "0"
        ? " (env from the shell only: ATLAS_ENV_FILES=0)"
        : " (env from the shell; no .env.local or .env)";
  process.stdout.write(`${describeActiveProviders(process.env)}${from}\n`);
}
for (const service of services) start(service);
await Promise.all(services.map((service) => waitUntilListening(service)));
