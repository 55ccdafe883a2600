import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** Lazy module loaders keyed like `import.meta.glob` keys (`./convex/marketing.ts`), which convex-test expects. */
export type ModuleLoaders = Record<string, () => Promise<unknown>>;

const SKIPPED_SUFFIXES = [".d.ts", ".map", ".test.ts", ".test.js"];

/**
 * Builds by hand what `import.meta.glob("./<dirName>/**\/*.{ts,js}")` gives in a vitest file sitting in `baseDir`
 * (tsx has no import.meta.glob). convex-test finds the functions root from the key containing `_generated`.
 */
export function buildModuleMap(baseDir: string, dirName: string, extensions: readonly string[]): ModuleLoaders {
  const loaders: ModuleLoaders = {};
  const walk = (relativeDir: string) => {
    for (const entry of readdirSync(path.join(baseDir, relativeDir), { withFileTypes: true })) {
      const relative = path.posix.join(relativeDir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules") walk(relative);
        continue;
      }
      if (SKIPPED_SUFFIXES.some((suffix) => entry.name.endsWith(suffix))) continue;
      if (!extensions.some((extension) => entry.name.endsWith(extension))) continue;
      const href = pathToFileURL(path.join(baseDir, relative)).href;
      loaders[`./${relative}`] = () => import(href);
    }
  };
  walk(dirName);
  return loaders;
}
