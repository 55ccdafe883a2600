/**
 * Writes (or, with --check, verifies) convex/_generated/ offline.
 *
 * `npx convex codegen` needs a deployment, which we cannot always reach, so this
 * reproduces what the Convex CLI writes for an app with components: it calls the
 * CLI's own templates shipped in the `convex` package, lists entry points with
 * the CLI's rules, and formats with prettier as the CLI does. Against a real
 * deployment, `npx convex dev` writes the same files.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as prettier from "prettier";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const convexDir = path.join(root, "convex");
const generatedDir = path.join(convexDir, "_generated");
const templatesDir = path.join(root, "node_modules/convex/dist/esm/cli/codegen_templates");

type Templates = {
  header: (description: string) => string;
  apiComment: (apiName: string, type: string | undefined) => string;
  compareModulePaths: (a: string, b: string) => number;
  importPath: (modulePath: string) => string;
  moduleIdentifier: (modulePath: string) => string;
  serverCodegen: (opts: { useTypeScript: boolean; envVars: unknown[] }) => { JS: string; DTS: string };
};

async function loadTemplates(): Promise<Templates> {
  const load = (file: string) => import(pathToFileURL(path.join(templatesDir, file)).href);
  // component_api.js and dataModel.js import the CLI's bundled dependencies (chalk...), which
  // are not installed on their own: their two static templates are read from the shipped source below.
  const [common, api, server] = await Promise.all(["common.js", "api.js", "server.js"].map(load));
  return { ...common, ...api, ...server } as Templates;
}

/** The CLI's entry-point rules (convex/dist/esm/bundler/index.js `entryPoints`). */
function entryPoints(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      const rel = path.relative(dir, full);
      if (statSync(full).isDirectory()) {
        if (existsSync(path.join(full, "convex.config.ts"))) continue;
        walk(full);
        continue;
      }
      if (![".js", ".cjs", ".mjs", ".ts", ".tsx", ".jsx"].some((ext) => rel.endsWith(ext))) continue;
      if (rel.startsWith(`_generated${path.sep}`) || name.startsWith(".") || name.startsWith("#")) continue;
      if (name === "schema.ts" || name === "schema.js") continue;
      if ((name.match(/\./g) ?? []).length > 1 || rel.includes(" ")) continue;
      if (name.endsWith(".ts") && !/^\s{0,100}(import|export)/m.test(readFileSync(full, "utf8"))) continue;
      found.push(rel.split(path.sep).join("/"));
    }
  };
  walk(dir);
  return found;
}

/** Child components from convex.config.ts: `app.use(x)` imported from "<pkg>/convex.config(.js)". */
function childComponents(): { name: string; importSpecifier: string }[] {
  const source = readFileSync(path.join(convexDir, "convex.config.ts"), "utf8");
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/import\s+(\w+)\s+from\s+["']([^"']+)\/convex\.config(?:\.js)?["']/g)) imports.set(m[1], m[2]);
  const children: { name: string; importSpecifier: string }[] = [];
  for (const m of source.matchAll(/app\.use\(\s*(\w+)\s*(?:,\s*\{\s*name:\s*["']([^"']+)["']\s*\})?\s*\)/g)) {
    const specifier = imports.get(m[1]);
    if (!specifier) throw new Error(`convex.config.ts: cannot resolve component ${m[1]}`);
    const defaultName = specifier.split("/").pop()!;
    children.push({ name: m[2] ?? defaultName, importSpecifier: specifier });
  }
  return children;
}

function apiDTS(t: Templates, modulePaths: string[]): string {
  const lines = [t.header("Generated `api` utility.")];
  for (const p of modulePaths) lines.push(`import type * as ${t.moduleIdentifier(p)} from "../${t.importPath(p)}.js";`);
  lines.push(`
    import type {
      ApiFromModules,
      FilterApi,
      FunctionReference,
    } from "convex/server";

    declare const fullApi: ApiFromModules<{
  `);
  for (const p of modulePaths) lines.push(`  "${t.importPath(p)}": typeof ${t.moduleIdentifier(p)},`);
  lines.push(`}>;`);
  lines.push(`
    ${t.apiComment("api", "public")}
    export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
    ${t.apiComment("internal", "internal")}
    export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;
  `);
  lines.push(`
  export declare const components: {`);
  for (const c of childComponents()) {
    lines.push(`  "${c.name}": import("${c.importSpecifier}/_generated/component.js").ComponentApi<"${c.name}">,`);
  }
  lines.push("};");
  return lines.join("\n");
}

/** The `dynamicDataModelContent` template literal of the shipped dataModel.js (an app with a schema). */
function dataModelDTS(t: Templates): string {
  const source = readFileSync(path.join(templatesDir, "dataModel.js"), "utf8");
  const match = source.match(/const dynamicDataModelContent = `([\s\S]*?)`;\n/);
  if (!match) throw new Error("convex's dataModel template changed shape: update scripts/codegen.ts");
  return match[1].replace('${header("Generated data model types.")}', t.header("Generated data model types.")).replace(/\\`/g, "`");
}

/** Mirrors `componentApiJs` in convex/dist/esm/cli/codegen_templates/component_api.js. */
function apiJS(t: Templates): string {
  return [
    t.header("Generated `api` utility."),
    `
    import { anyApi, componentsGeneric } from "convex/server";

    ${t.apiComment("api", undefined)}
    export const api = anyApi;
    export const internal = anyApi;
    export const components = componentsGeneric();
  `,
  ].join("\n");
}

export async function generatedFiles(): Promise<Record<string, string>> {
  const t = await loadTemplates();
  const modulePaths = entryPoints(convexDir).sort(t.compareModulePaths);
  const server = t.serverCodegen({ useTypeScript: false, envVars: [] });
  const raw: Record<string, string> = {
    "api.d.ts": apiDTS(t, modulePaths),
    "api.js": apiJS(t),
    "dataModel.d.ts": dataModelDTS(t),
    "server.d.ts": server.DTS,
    "server.js": server.JS,
  };
  const formatted: Record<string, string> = {};
  for (const [file, contents] of Object.entries(raw)) {
    formatted[file] = await prettier.format(contents, { parser: "typescript" });
  }
  return formatted;
}

async function main() {
  const check = process.argv.includes("--check");
  const files = await generatedFiles();
  const stale: string[] = [];
  for (const [file, contents] of Object.entries(files)) {
    const target = path.join(generatedDir, file);
    const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    if (current === contents) continue;
    if (check) stale.push(file);
    else writeFileSync(target, contents);
  }
  if (check && stale.length > 0) {
    console.error(`convex/_generated is out of sync with convex/ (${stale.join(", ")}): run \`npm run codegen\` and commit.`);
    process.exit(1);
  }
  if (!check) console.log(`convex/_generated written (${Object.keys(files).length} files).`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
