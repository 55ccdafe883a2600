import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient } from "convex/browser";
import WebSocket from "ws";
import { startEmbeddedBackend, type EmbeddedBackend } from "../../../server/embedded/backend";

export const FIXTURE_APP_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../fixtures/embedded-app");
export const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Starts backends and clients and closes them all in `cleanup()` (call it in afterEach). */
export class BackendHarness {
  private readonly backends: EmbeddedBackend[] = [];
  private readonly clients: ConvexClient[] = [];
  private readonly dirs: string[] = [];
  readonly errors: string[] = [];

  tempDataFile(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "embedded-backend-"));
    this.dirs.push(dir);
    return path.join(dir, "embedded-db.json");
  }

  async start(options: { dataFile?: string | null; projectDir?: string; compactAtBytes?: number } = {}): Promise<EmbeddedBackend> {
    const backend = await startEmbeddedBackend({
      projectDir: options.projectDir ?? FIXTURE_APP_DIR,
      port: 0,
      dataFile: options.dataFile ?? null,
      compactAtBytes: options.compactAtBytes,
      logError: (message) => this.errors.push(message),
    });
    this.backends.push(backend);
    return backend;
  }

  client(backend: EmbeddedBackend): ConvexClient {
    const client = new ConvexClient(backend.url, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      unsavedChangesWarning: false,
      logger: false,
    });
    this.clients.push(client);
    return client;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.close()));
    await Promise.all(this.backends.splice(0).map((backend) => backend.close()));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/** Resolves with the first subscription value that satisfies `predicate`. */
export function nextValue<T>(
  subscribe: (onValue: (value: T) => void, onError: (error: Error) => void) => () => void,
  predicate: (value: T) => boolean,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let unsubscribe: (() => void) | undefined;
    let done = false;
    unsubscribe = subscribe(
      (value) => {
        if (done || !predicate(value)) return;
        done = true;
        resolve(value);
        queueMicrotask(() => unsubscribe?.());
      },
      (error) => {
        if (done) return;
        done = true;
        reject(error);
      },
    );
    if (done) unsubscribe();
  });
}
