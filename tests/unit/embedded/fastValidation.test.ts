import { v, type GenericValidator } from "convex/values";
import { describe, expect, it } from "vitest";
import { assertMatchesValidator, matchesValidator, type ValidatorJson } from "../../../server/embedded/fastValidation";

const json = (validator: GenericValidator) => (validator as unknown as { json: ValidatorJson }).json;
const throws = (validator: ValidatorJson, value: unknown) => {
  try {
    assertMatchesValidator(validator, value);
    return false;
  } catch {
    return true;
  }
};

const vPhase = v.object({
  name: v.union(v.literal("source"), v.literal("filter_rank"), v.literal("persist_leads")),
  status: v.union(v.literal("pending"), v.literal("running"), v.literal("completed")),
  startedAt: v.optional(v.number()),
});
const validators: Record<string, GenericValidator> = {
  phase: vPhase,
  phases: v.array(vPhase),
  nullableId: v.union(v.id("runs"), v.null()),
  tagged: v.union(v.object({ kind: v.literal("a"), n: v.number() }), v.object({ kind: v.literal("b"), s: v.string() })),
  scalars: v.object({ b: v.boolean(), i: v.int64(), bytes: v.bytes(), any: v.any() }),
};
const values: unknown[] = [
  { name: "source", status: "pending" },
  { name: "source", status: "done" },
  { name: "persist_leads", status: "completed", startedAt: 5 },
  { name: "persist_leads", status: "completed", startedAt: "5" },
  { name: "source", status: "pending", extra: 1 },
  [
    { name: "source", status: "pending" },
    { name: "filter_rank", status: "running" },
  ],
  [
    { name: "source", status: "pending" },
    { name: "nope", status: "running" },
  ],
  "12runs",
  "12leads",
  "runs",
  null,
  { kind: "a", n: 1 },
  { kind: "b", n: 1 },
  { kind: "b", s: "x" },
  { b: true, i: 3n, bytes: new ArrayBuffer(2), any: { x: [1] } },
  { b: true, i: 3, bytes: new ArrayBuffer(2), any: null },
  new Date(0),
  [],
  42,
];

describe("matchesValidator: the boolean check in front of convex-test's validation", () => {
  it("accepts exactly the values the throwing check accepts, for every validator and value", () => {
    let accepted = 0;
    for (const [name, validator] of Object.entries(validators)) {
      for (const value of values) {
        const matches = matchesValidator(json(validator), value);
        expect({ name, value, matches }).toEqual({ name, value, matches: !throws(json(validator), value) });
        if (matches) accepted += 1;
      }
    }
    // Both outcomes occur: the comparison above is not all-reject or all-accept.
    expect(accepted).toBeGreaterThan(5);
    expect(accepted).toBeLessThan(Object.keys(validators).length * values.length - 5);
  });

  it("treats a field holding undefined as missing only when asked (results after their JSON round trip)", () => {
    const phase = json(vPhase);
    expect(matchesValidator(phase, { name: "source", status: "pending", startedAt: undefined })).toBe(true);
    expect(matchesValidator(phase, { name: "source", status: "pending", note: undefined })).toBe(false);
    expect(matchesValidator(phase, { name: "source", status: "pending", note: undefined }, true)).toBe(true);
  });

  it("explains a refusal the way convex-test does", () => {
    expect(() => assertMatchesValidator(json(v.array(vPhase)), [{ name: "source", status: "done" }])).toThrow(
      'Validator error: Expected one of literal, literal, literal, got `"done"`',
    );
    expect(() => assertMatchesValidator(json(vPhase), { status: "pending" })).toThrow("Validator error: Missing required field `name` in object");
  });
});
