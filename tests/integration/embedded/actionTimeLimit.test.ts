import { describe, expect, it } from "vitest";
import { ActionTimeoutError, withActionTimeLimit } from "../../../server/embedded/actionTimeLimit";

// Convex ends an action after 10 minutes; the embedded backend used to let one run forever,
// so tests never saw what a deployment does to an over-long crawl.

const runHere = <R>(callback: () => R) => callback();

function fakeAction(handler: (ctx: unknown, args: unknown) => Promise<unknown>) {
  return Object.assign(() => undefined, { isAction: true, isPublic: false, _handler: handler });
}

describe("withActionTimeLimit", () => {
  it("fails an action that runs past the limit, and leaves quick ones and non-actions alone", async () => {
    const module = {
      hangs: fakeAction(() => new Promise(() => undefined)),
      quick: fakeAction(async (_ctx, args) => ({ echoed: args })),
      aQuery: Object.assign(() => undefined, { isQuery: true, _handler: async () => "query" }),
    };
    const loaders = withActionTimeLimit({ "./convex/slow.ts": async () => module }, 50, runHere);
    const loaded = (await loaders["./convex/slow.ts"]()) as typeof module;
    await expect(loaded.hangs._handler({}, {})).rejects.toBeInstanceOf(ActionTimeoutError);
    await expect(loaded.hangs._handler({}, {})).rejects.toThrow(/Action timed out.*10 minutes/);
    await expect(loaded.quick._handler({}, { n: 1 })).resolves.toEqual({ echoed: { n: 1 } });
    await expect(loaded.aQuery._handler()).resolves.toBe("query");
    // Loading twice does not wrap twice.
    const again = (await loaders["./convex/slow.ts"]()) as typeof module;
    expect(again.hangs._handler).toBe(loaded.hangs._handler);
  });
});
