import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
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

  async start(options: { dataFile?: string | null; projectDir?: string; sitePort?: number; compactAtBytes?: number } = {}): Promise<EmbeddedBackend> {
    const backend = await startEmbeddedBackend({
      projectDir: options.projectDir ?? FIXTURE_APP_DIR,
      port: 0,
      sitePort: options.sitePort ?? 0,
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

  /** A WebSocket client signed in (Convex Auth, Password provider) as a new account. */
  async signedInClient(backend: EmbeddedBackend, email = `owner-${this.clients.length}@agency.test`): Promise<ConvexClient> {
    const token = await signUp(backend, email);
    const client = this.client(backend);
    await new Promise<void>((resolve, reject) => {
      client.setAuth(
        async () => token,
        (isAuthenticated) => (isAuthenticated ? resolve() : reject(new Error("the backend refused a token it issued"))),
      );
    });
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
    let done = false;
    const unsubscribe = subscribe(
      (value) => {
        if (done || !predicate(value)) return;
        done = true;
        resolve(value);
        queueMicrotask(() => unsubscribe());
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

const signIn = makeFunctionReference<"action">("auth:signIn");

/** Signs up through the standard `auth:signIn` action (Password provider) and returns the session's JWT. */
export async function signUp(backend: Pick<EmbeddedBackend, "url">, email: string, password = "correct horse battery"): Promise<string> {
  const http = new ConvexHttpClient(backend.url, { logger: false });
  const result = (await http.action(signIn, { provider: "password", params: { email, password, flow: "signUp" } })) as {
    tokens?: { token: string; refreshToken: string } | null;
  };
  if (!result.tokens) throw new Error(`sign-up of ${email} returned no tokens`);
  return result.tokens.token;
}
