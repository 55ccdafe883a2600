/**
 * The signing keys Convex Auth needs (`JWT_PRIVATE_KEY`, `JWKS`), as `npx @convex-dev/auth` generates them for a
 * deployment: an RS256 key pair, the private key as PKCS#8 PEM (newlines as spaces, as the env var holds it) and the
 * public key as a JWKS. The embedded backend creates them on first start and keeps them in its data folder
 * (`auth-keys.json`, mode 0600) so sessions survive a restart.
 */
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { exportJWK, exportPKCS8, generateKeyPair } from "jose";
import { z } from "zod";

export type AuthKeys = { JWT_PRIVATE_KEY: string; JWKS: string };

const keysFileSchema = z.object({ JWT_PRIVATE_KEY: z.string().min(1), JWKS: z.string().min(1) });

export const AUTH_KEYS_FILE = "auth-keys.json";

export async function generateAuthKeys(): Promise<AuthKeys> {
  const keys = await generateKeyPair("RS256", { extractable: true });
  const privateKey = await exportPKCS8(keys.privateKey);
  const publicKey = await exportJWK(keys.publicKey);
  return {
    JWT_PRIVATE_KEY: privateKey.trimEnd().replace(/\n/g, " "),
    JWKS: JSON.stringify({ keys: [{ use: "sig", alg: "RS256", ...publicKey }] }),
  };
}

/** The keys kept in `dataDir`, created there on first use; with no data folder (in-memory backend), fresh keys. */
export async function loadOrCreateAuthKeys(dataDir: string | null): Promise<AuthKeys> {
  if (dataDir === null) return await generateAuthKeys();
  const file = path.join(dataDir, AUTH_KEYS_FILE);
  if (existsSync(file)) {
    const parsed = keysFileSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is not a valid keys file: delete it to create new keys (everyone is signed out).`);
    return parsed.data;
  }
  const keys = await generateAuthKeys();
  await mkdir(dataDir, { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(keys, null, 2), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, file);
  return keys;
}
