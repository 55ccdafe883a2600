import { existsSync } from "node:fs";
import path from "node:path";

/**
 * Loads `.env.local` then `.env` from `root` into process.env, as the README tells users to fill
 * them. The shell wins over `.env.local`, which wins over `.env` (Node's loadEnvFile never
 * overrides a variable already set). Returns the files read; a file that cannot be parsed is
 * reported to `warn` and skipped. ATLAS_ENV_FILES=0 reads nothing.
 */
export function loadEnvFiles(root: string, warn: (message: string) => void = (m) => process.stderr.write(`${m}\n`)): string[] {
  const loaded: string[] = [];
  // Tests and benches set ATLAS_ENV_FILES=0: a developer's real keys must never reach them.
  if (process.env.ATLAS_ENV_FILES === "0") return loaded;
  for (const file of [".env.local", ".env"]) {
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    try {
      process.loadEnvFile(full);
      loaded.push(file);
    } catch (error) {
      warn(`Could not read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return loaded;
}
