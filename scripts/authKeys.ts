/**
 * `npx tsx scripts/authKeys.ts`: prints a fresh Convex Auth key pair as the two `npx convex env set` commands a
 * deployment needs (the same keys the embedded backend creates for itself in its data folder).
 * Offline alternative to `npx @convex-dev/auth`, which also sets them.
 */
import { generateAuthKeys } from "../server/embedded/authKeys";

const keys = await generateAuthKeys();
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
process.stdout.write(`npx convex env set JWT_PRIVATE_KEY -- ${shellQuote(keys.JWT_PRIVATE_KEY)}\n`);
process.stdout.write(`npx convex env set JWKS -- ${shellQuote(keys.JWKS)}\n`);
