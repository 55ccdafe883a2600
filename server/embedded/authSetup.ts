/**
 * What a Convex deployment provides Convex Auth, for the embedded backend: the env vars its functions read
 * (`JWT_PRIVATE_KEY`, `JWKS`, `CONVEX_SITE_URL`, `SITE_URL`) and the token verifier built from convex/auth.config.ts.
 * Plus `ATLAS_EMBEDDED_BACKEND=1` (lib/embeddedBackend.ts), which a deployment never has: the first account may take
 * over a profile saved before accounts only here (convex/model/agency.ts).
 *
 * Env vars already set in the shell win (as `npx convex env set` values do on a deployment); otherwise the keys come
 * from the data folder (created on first start). Functions run in this process and read `process.env`, so the values
 * are set there, and put back as they were by `restore()` when the backend closes.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EMBEDDED_BACKEND_ENV } from "../../lib/embeddedBackend";
import { loadOrCreateAuthKeys } from "./authKeys";
import { createTokenVerifier, type AuthProviderConfig, type TokenVerifier } from "./identityToken";

export type AuthSetup = { verifier: TokenVerifier; env: Record<string, string>; restore: () => void };

let configImports = 0;

/** convex/auth.config.ts evaluated now (it reads `process.env.CONVEX_SITE_URL`), not a cached earlier evaluation. */
async function loadAuthProviders(functionsPath: string): Promise<AuthProviderConfig[]> {
  const file = ["auth.config.ts", "auth.config.js"].map((name) => path.join(functionsPath, name)).find((f) => existsSync(f));
  if (!file) return [];
  configImports += 1;
  const module = (await import(`${pathToFileURL(file).href}?backend=${configImports}`)) as { default?: { providers?: AuthProviderConfig[] } };
  return module.default?.providers ?? [];
}

export async function prepareAuth(options: { functionsPath: string; dataDir: string | null; siteUrl: string; appUrl: string }): Promise<AuthSetup> {
  const keys = await loadOrCreateAuthKeys(options.dataDir);
  const env: Record<string, string> = {
    JWT_PRIVATE_KEY: process.env.JWT_PRIVATE_KEY ?? keys.JWT_PRIVATE_KEY,
    JWKS: process.env.JWKS ?? keys.JWKS,
    CONVEX_SITE_URL: options.siteUrl,
    SITE_URL: process.env.SITE_URL ?? options.appUrl,
    [EMBEDDED_BACKEND_ENV]: "1",
  };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  const providers = await loadAuthProviders(options.functionsPath);
  return {
    verifier: createTokenVerifier(providers, { [env.CONVEX_SITE_URL]: env.JWKS }),
    env,
    restore: () => {
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    },
  };
}
