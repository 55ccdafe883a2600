/**
 * The embedded backend verifies tokens like a deployment: Convex Auth's own tokens are accepted, a forged (other
 * key, unsigned, wrong issuer or audience) or expired one is refused over HTTP and over the WebSocket, and the
 * signing keys survive a restart in the data folder.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { decodeJwt, generateKeyPair, importPKCS8, SignJWT, UnsecuredJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { EMBEDDED_BACKEND_ENV } from "../../../lib/embeddedBackend";
import { BackendHarness, REPO_DIR, signUp } from "./harness";
import type { EmbeddedBackend } from "../../../server/embedded/backend";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
const harness = new BackendHarness();
afterEach(async () => {
  await harness.cleanup();
});

/** A token with the claims Convex Auth writes, signed with `key` (the backend's own or an attacker's). */
async function token(claims: { sub: string; iss: string; aud?: string; expiresIn?: string | number }, key: CryptoKey) {
  return await new SignJWT({ sub: claims.sub })
    .setProtectedHeader({ alg: "RS256" })
    .setIssuedAt()
    .setIssuer(claims.iss)
    .setAudience(claims.aud ?? "convex")
    .setExpirationTime(claims.expiresIn ?? "1h")
    .sign(key);
}

function httpClient(backend: EmbeddedBackend, bearer?: string) {
  const client = new ConvexHttpClient(backend.url, { logger: false });
  if (bearer) client.setAuth(bearer);
  return client;
}

async function backendKey(dataFile: string): Promise<CryptoKey> {
  const keys = JSON.parse(readFileSync(path.join(path.dirname(dataFile), "auth-keys.json"), "utf8")) as { JWT_PRIVATE_KEY: string };
  return await importPKCS8(keys.JWT_PRIVATE_KEY, "RS256");
}

/** Over the WebSocket: whether the backend accepted the token (the client's setAuth onChange). */
function socketAccepts(backend: EmbeddedBackend, jwt: string): Promise<boolean> {
  const client = harness.client(backend);
  return new Promise((resolve) => client.setAuth(async () => jwt, resolve));
}

describe("sign-in tokens on the embedded backend", () => {
  it("accepts the tokens Convex Auth issues, over HTTP and WebSocket, and serves its JWKS on the site URL", async () => {
    const backend = await harness.start({ projectDir: REPO_DIR, dataFile: harness.tempDataFile() });
    const jwt = await signUp(backend, "alice@agency.test");
    const claims = decodeJwt(jwt);
    expect(claims.iss).toBe(backend.siteUrl);
    expect(claims.aud).toBe("convex");

    const alice = httpClient(backend, jwt);
    expect(await alice.query(api.agency.get, {})).toBeNull();
    await alice.mutation(api.agency.ensureDemo, {});
    expect((await alice.query(api.agency.get, {})).name).toBe("Atlas Demo Agency");
    expect(await socketAccepts(backend, jwt)).toBe(true);

    const jwks = (await (await fetch(`${backend.siteUrl}/.well-known/jwks.json`)).json()) as { keys: { kid?: string; n: string }[] };
    expect(jwks.keys).toHaveLength(1);
    const discovery = (await (await fetch(`${backend.siteUrl}/.well-known/openid-configuration`)).json()) as { issuer: string };
    expect(discovery.issuer).toBe(backend.siteUrl);

    // Signing out ends the session: the same, still unexpired token no longer reads anything.
    await alice.action(api.auth.signOut, {});
    await expect(alice.query(api.agency.get, {})).rejects.toThrow(/Sign in to continue/);
  });

  it("refuses forged, unsigned, expired and foreign tokens over HTTP and WebSocket; anonymous gets UNAUTHENTICATED", async () => {
    const dataFile = harness.tempDataFile();
    const backend = await harness.start({ projectDir: REPO_DIR, dataFile });
    const jwt = await signUp(backend, "victim@agency.test");
    await httpClient(backend, jwt).mutation(api.agency.ensureDemo, {});
    const { sub } = decodeJwt(jwt);

    const attacker = await generateKeyPair("RS256");
    const own = await backendKey(dataFile);
    const bad: Record<string, string> = {
      "signed with another key": await token({ sub: sub!, iss: backend.siteUrl }, attacker.privateKey),
      unsigned: new UnsecuredJWT({ sub }).setIssuer(backend.siteUrl).setAudience("convex").setIssuedAt().setExpirationTime("1h").encode(),
      expired: await token({ sub: sub!, iss: backend.siteUrl, expiresIn: Math.floor(Date.now() / 1000) - 60 }, own),
      "another issuer": await token({ sub: sub!, iss: "https://evil.example" }, own),
      "another audience": await token({ sub: sub!, iss: backend.siteUrl, aud: "not-convex" }, own),
      "not a JWT": "hello.world.token",
    };
    for (const [name, forged] of Object.entries(bad)) {
      await expect(httpClient(backend, forged).query(api.agency.get, {}), name).rejects.toThrow(/401|verify the auth token/);
      expect(await socketAccepts(backend, forged), name).toBe(false);
    }
    const anonymous = await httpClient(backend)
      .query(api.agency.get, {})
      .then(
        () => "returned",
        (error: unknown) => (error instanceof ConvexError ? (error.data as { code: string }).code : String(error)),
      );
    expect(anonymous).toBe("UNAUTHENTICATED");
  });

  it("keeps its signing keys in the data folder: a session survives a restart", async () => {
    const dataFile = harness.tempDataFile();
    const first = await harness.start({ projectDir: REPO_DIR, dataFile });
    const jwt = await signUp(first, "carol@agency.test");
    await httpClient(first, jwt).mutation(api.agency.ensureDemo, {});
    const keysBefore = readFileSync(path.join(path.dirname(dataFile), "auth-keys.json"), "utf8");
    // Its functions know they run on the embedded backend (a deployment never sets this), until it closes.
    expect(process.env[EMBEDDED_BACKEND_ENV]).toBe("1");
    await first.close();
    expect(process.env[EMBEDDED_BACKEND_ENV]).toBeUndefined();

    // Same site port as `npm run dev` keeps (3211): the token issued before the restart is still valid.
    const second = await harness.start({ projectDir: REPO_DIR, dataFile, sitePort: Number(new URL(first.siteUrl).port) });
    expect(readFileSync(path.join(path.dirname(dataFile), "auth-keys.json"), "utf8")).toBe(keysBefore);
    expect((await httpClient(second, jwt).query(api.agency.get, {})).name).toBe("Atlas Demo Agency");
  });
});
