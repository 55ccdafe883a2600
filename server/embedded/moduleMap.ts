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

type Handler = (ctx: unknown, args: unknown) => Promise<unknown>;

/** A function a module exports, as `query`/`mutation`/`action` (and components' builders) register it. */
export type RegisteredFunction = {
  isQuery?: boolean;
  isMutation?: boolean;
  isAction?: boolean;
  exportArgs?: () => string;
  exportReturns?: () => string;
  _handler: Handler;
};

/**
 * The same loaders, each registered function of each module handed to `wrap` once, when its module loads, with
 * its path (`marketing:getRun`, `journal:load` in a component). `wrap` replaces what it needs (`_handler`…);
 * `marker` keeps a function from being wrapped twice by the same wrapper. The embedded backend's handler
 * wrappers (action time limit, validation, trace) all go through here.
 */
export function wrapRegisteredFunctions(loaders: ModuleLoaders, marker: symbol, wrap: (fn: RegisteredFunction, udfPath: string) => void): ModuleLoaders {
  const wrapped: ModuleLoaders = {};
  for (const [key, load] of Object.entries(loaders)) {
    const modulePath = key.replace(/^\.\/(?:convex|component)\//, "").replace(/\.[^./]+$/, "");
    wrapped[key] = async () => {
      const module = (await load()) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(module)) {
        if (typeof value !== "function") continue;
        const fn = value as unknown as RegisteredFunction & Record<symbol, true>;
        if (typeof fn._handler !== "function" || fn[marker]) continue;
        fn[marker] = true;
        wrap(fn, `${modulePath}:${exportName}`);
      }
      return module;
    };
  }
  return wrapped;
}
