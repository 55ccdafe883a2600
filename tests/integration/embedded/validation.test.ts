/**
 * The embedded backend checks documents, arguments and results with a boolean fast path and falls back to
 * convex-test's own check (server/embedded/fastValidation.ts). What a client sees must not change: a valid
 * call works, an invalid one fails with convex-test's message and writes nothing.
 */
import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { BackendHarness } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;

const harness = new BackendHarness();
afterEach(() => harness.cleanup());

describe("embedded backend: schema, argument and result validation", () => {
  it("accepts valid calls and refuses invalid ones with convex-test's messages, writing nothing", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);

    await expect(client.mutation(api.checked.addRun, { workflowStatus: "completed" })).resolves.toMatch(/runs$/);
    await expect(client.mutation(api.checked.echoStatus, { value: "failed" })).resolves.toEqual({ status: "failed", steps: [1, 2] });
    expect(await client.query(api.checked.countRuns, {})).toBe(2);

    // A document outside the table's union.
    await expect(client.mutation(api.checked.addRun, { workflowStatus: "paused" })).rejects.toThrow(
      'Validator error: Expected one of literal, literal, literal, literal, got `"paused"`',
    );
    // Arguments of the wrong type.
    await expect(client.mutation(api.checked.addRun, { workflowStatus: 7 })).rejects.toThrow("Validator error: Expected `string`, got `7`");
    await expect(client.mutation(api.checked.addRun, { workflowStatus: "running", extra: true })).rejects.toThrow(
      "Validator error: Unexpected field `extra` in object",
    );
    // A result its `returns` validator refuses: the mutation's write is rolled back.
    await expect(client.mutation(api.checked.echoStatus, { value: "paused" })).rejects.toThrow(
      /Return value validation failed for mutation "checked:echoStatus":\s+Validator error: Expected one of literal, literal, literal, literal, got `"paused"`/,
    );
    expect(await client.query(api.checked.countRuns, {})).toBe(2);
  });
});
