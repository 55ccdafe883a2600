/**
 * Schema validation without exceptions on the success path.
 *
 * convex-test 0.0.60 checks every written document against its table's validator with `validateValidator`,
 * which tries each member of a `v.union` inside try/catch: every member that does not match builds an Error
 * (message and stack trace) only to throw it away. Our documents are full of literal unions (statuses,
 * phases, signal and drop-reason codes), so a run's writes spent ~160 ms of a 3 s zero-latency run there
 * (CPU profile of bench 6's embedded backend). `matchesValidator` answers the same question with a boolean;
 * only a document it rejects goes through convex-test's own check, which throws its usual error. So a valid
 * document is accepted exactly when convex-test would accept it, and an invalid one fails with its message.
 */
import { convexToJson, type Value } from "convex/values";
import { ConvexTestInternalsError, type RuntimeInternals } from "./convexTestInternals";
import { wrapRegisteredFunctions, type ModuleLoaders } from "./moduleMap";

/** The JSON form of a validator (`Validator.json`), as convex-test reads it from a schema or a function. */
export type ValidatorJson =
  | { type: "null" | "number" | "bigint" | "boolean" | "string" | "bytes" | "any" | "commitTs" }
  | { type: "literal"; value: unknown }
  | { type: "id"; tableName: string }
  | { type: "array"; value: ValidatorJson }
  | { type: "union"; value: ValidatorJson[] }
  | { type: "object"; value: Record<string, { fieldType: ValidatorJson; optional: boolean }> }
  | { type: string; value?: unknown };

/** convex-test's isSimpleObject, for values that are objects. */
function isSimpleObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return prototype === null || prototype === Object.prototype || prototype?.constructor?.name === "Object";
}

/** convex-test's tableNameFromId. */
function tableNameOfId(id: string): string | null {
  const digits = /^[0-9]+/.exec(id);
  return !digits || digits[0].length === id.length ? null : id.slice(digits[0].length);
}

/**
 * True exactly when convex-test 0.0.60's `validateValidator(validator, value)` returns without throwing.
 * `undefinedIsAbsent`: an object field holding `undefined` counts as missing, as after the JSON round trip
 * every function result goes through before convex-test checks it against `returns`.
 */
export function matchesValidator(validator: ValidatorJson, value: unknown, undefinedIsAbsent = false): boolean {
  switch (validator.type) {
    case "null":
      return value === null;
    case "number":
      return typeof value === "number";
    case "bigint":
      return typeof value === "bigint";
    // A pending commit-timestamp placeholder is left to convex-test, which resolves it first.
    case "commitTs":
      return typeof value === "bigint";
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
    case "bytes":
      return value instanceof ArrayBuffer;
    case "any":
      return true;
    case "literal":
      return value === validator.value;
    case "id":
      return typeof value === "string" && tableNameOfId(value) === (validator as { tableName: string }).tableName;
    case "array": {
      if (!Array.isArray(value)) return false;
      const element = validator.value as ValidatorJson;
      for (const item of value) if (!matchesValidator(element, item, undefinedIsAbsent)) return false;
      return true;
    }
    case "union": {
      for (const member of validator.value as ValidatorJson[]) if (matchesValidator(member, value, undefinedIsAbsent)) return true;
      return false;
    }
    case "object": {
      if (typeof value !== "object" || value === null || !isSimpleObject(value)) return false;
      const fields = validator.value as Record<string, { fieldType: ValidatorJson; optional: boolean }>;
      const record = value as Record<string, unknown>;
      for (const key in fields) {
        const field = fields[key];
        const fieldValue = record[key];
        if (fieldValue === undefined) {
          if (!field.optional) return false;
        } else if (!matchesValidator(field.fieldType, fieldValue, undefinedIsAbsent)) return false;
      }
      for (const key of Object.keys(record)) if (fields[key] === undefined && !(undefinedIsAbsent && record[key] === undefined)) return false;
      return true;
    }
    // convex-test checks nothing else (e.g. `record`).
    default:
      return true;
  }
}

type ValidatingDatabase = {
  _schema: { schemaValidation?: boolean; tables: Map<string, { documentType?: ValidatorJson }> } | null;
  _validate(tableName: string, doc: Record<string, Value>): void;
};

/** Puts the boolean check in front of every component database's document validation. */
export function installFastDocumentValidation(internals: RuntimeInternals): void {
  for (const [componentPath, component] of Object.entries(internals.components)) {
    const db = component.db as unknown as ValidatingDatabase;
    if (typeof db._validate !== "function") throw new ConvexTestInternalsError(`component "${componentPath}": DatabaseFake._validate is missing`);
    const validateThrowing = db._validate.bind(db);
    db._validate = (tableName, doc) => {
      const documentType = db._schema?.schemaValidation ? db._schema.tables.get(tableName)?.documentType : undefined;
      if (documentType && matchesValidator(documentType, doc)) return;
      validateThrowing(tableName, doc);
    };
  }
}

/**
 * convex-test 0.0.60's `validateValidator`, ported as it is (same checks, same messages): run only on a
 * value `matchesValidator` rejected, so a call that fails validation fails with convex-test's own error.
 */
export function assertMatchesValidator(validator: ValidatorJson, value: unknown): void {
  const fail = (message: string): never => {
    throw new Error(`Validator error: ${message}`);
  };
  const shown = (item: unknown) => String(item as string);
  switch (validator.type) {
    case "null":
      if (value !== null) fail(`Expected \`null\`, got \`${shown(value)}\``);
      return;
    case "number":
      if (typeof value !== "number") fail(`Expected \`number\`, got \`${shown(value)}\``);
      return;
    case "bigint":
      if (typeof value !== "bigint") fail(`Expected \`bigint\`, got \`${shown(value)}\``);
      return;
    case "commitTs":
      if (typeof value !== "bigint") fail(`Expected \`v.commitTs()\`, got \`${shown(value)}\``);
      return;
    case "boolean":
      if (typeof value !== "boolean") fail(`Expected \`boolean\`, got \`${shown(value)}\``);
      return;
    case "string":
      if (typeof value !== "string") fail(`Expected \`string\`, got \`${shown(value)}\``);
      return;
    case "bytes":
      if (!(value instanceof ArrayBuffer)) fail(`Expected \`ArrayBuffer\`, got \`${shown(value)}\``);
      return;
    case "literal":
      if (value !== validator.value) fail(`Expected \`${shown(validator.value)}\`, got \`${shown(value)}\``);
      return;
    case "id": {
      if (typeof value !== "string") fail(`Expected \`string\`, got \`${shown(value)}\``);
      const tableName = (validator as { tableName: string }).tableName;
      if (tableNameOfId(value as string) !== tableName) fail(`Expected ID for table "${tableName}", got \`${shown(value)}\``);
      return;
    }
    case "array":
      if (!Array.isArray(value)) fail(`Expected \`Array\`, got \`${shown(value)}\``);
      for (const item of value as unknown[]) assertMatchesValidator(validator.value as ValidatorJson, item);
      return;
    case "union": {
      const members = validator.value as ValidatorJson[];
      if (members.some((member) => matchesValidator(member, value))) return;
      fail(`Expected one of ${members.map((member) => member.type).join(", ")}, got \`${JSON.stringify(convexToJson(value as Value))}\``);
      return;
    }
    case "object": {
      if (typeof value !== "object") fail(`Expected \`object\`, got \`${shown(value)}\``);
      if (value === null || !isSimpleObject(value as object)) fail(`Expected a plain old JavaScript \`object\`, got \`${shown(value)}\``);
      const fields = validator.value as Record<string, { fieldType: ValidatorJson; optional: boolean }>;
      const record = value as Record<string, unknown>;
      for (const [key, { fieldType, optional }] of Object.entries(fields)) {
        if (record[key] === undefined) {
          if (!optional) fail(`Missing required field \`${key}\` in object`);
        } else assertMatchesValidator(fieldType, record[key]);
      }
      for (const key of Object.keys(record)) if (fields[key] === undefined) fail(`Unexpected field \`${key}\` in object`);
      return;
    }
    default:
      return;
  }
}

const ANY_ARGS = JSON.stringify({ type: "any" });

const WRAPPED = Symbol.for("atlas.embedded.fastFunctionValidation");

/**
 * The same loaders, each exported function's arguments and result checked inside its handler, first with
 * `matchesValidator` and, only when that rejects them, with the port of convex-test's check (its error,
 * word for word); convex-test's own checks are skipped (the function's `exportArgs` then answers "any"
 * and `exportReturns` "no validator"). The workflow's journal mutations carry a run's step arguments and
 * results, and the dashboard's subscribed queries return large, union-heavy views: convex-test's checks of
 * those were ~200 ms of a 3 s zero-latency run (CPU profile of bench 6's embedded backend). A check that
 * fails inside the handler fails the call before anything commits, as on a deployment.
 */
export function withFastFunctionValidation(loaders: ModuleLoaders): ModuleLoaders {
  return wrapRegisteredFunctions(loaders, WRAPPED, (fn, udfPath) => {
    if (typeof fn.exportReturns !== "function" || typeof fn.exportArgs !== "function") return;
    const argsValidator = JSON.parse(fn.exportArgs()) as ValidatorJson;
    const returns = JSON.parse(fn.exportReturns()) as ValidatorJson | null;
    // convex-test refuses such a function when it is called; leave that to it.
    if (argsValidator.type !== "object" && argsValidator.type !== "any") return;
    const kind = fn.isQuery ? "query" : fn.isMutation ? "mutation" : "action";
    const inner = fn._handler;
    fn.exportArgs = () => ANY_ARGS;
    fn.exportReturns = () => "null";
    fn._handler = async (ctx, args) => {
      if (!matchesValidator(argsValidator, args, true)) assertMatchesValidator(argsValidator, args);
      const result = await inner(ctx, args);
      if (returns !== null) {
        const converted = result === undefined ? null : result;
        if (!matchesValidator(returns, converted, true)) {
          try {
            assertMatchesValidator(returns, converted);
          } catch (error) {
            throw new Error(`Return value validation failed for ${kind} "${udfPath}":\n${(error as Error).message}`);
          }
        }
      }
      return result;
    };
  });
}
