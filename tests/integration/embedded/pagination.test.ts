/**
 * `.paginate()` through the sync protocol, the way `usePaginatedQuery` uses it: page 1 subscribed with
 * `cursor: null`, page 2 from page 1's `continueCursor`, both live. A row inserted inside page 1 must show up
 * in page 1 (which grows) rather than fall into a gap between the pages.
 */
import { anyApi } from "convex/server";
import { afterEach, describe, expect, it } from "vitest";
import { BackendHarness } from "./harness";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const api = anyApi as any;
type Page = { page: string[]; isDone: boolean; continueCursor: string };

const harness = new BackendHarness();
afterEach(() => harness.cleanup());

describe("embedded backend: paginated queries over the sync protocol", () => {
  it("serves pages by cursor, and a live page grows with an insert inside it instead of dropping a row", async () => {
    const backend = await harness.start();
    const client = harness.client(backend);
    // Priorities 0, 10, …, 190: descending pages of 8 are 190…120, 110…40, 30…0.
    await client.mutation(api.notes.add, {
      notes: Array.from({ length: 20 }, (_, i) => ({ author: "dee", priority: i * 10, body: `p${i * 10}` })),
    });
    const pages: (Page | undefined)[] = [];
    const subscribe = (index: number, cursor: string | null) =>
      client.onUpdate(api.notes.page, { author: "dee", order: "desc", paginationOpts: { numItems: 8, cursor, id: 1 } }, (page: Page) => {
        pages[index] = page;
      });
    subscribe(0, null);
    await expect.poll(() => pages[0]).toBeDefined();
    expect(pages[0]!.page).toEqual(["p190", "p180", "p170", "p160", "p150", "p140", "p130", "p120"]);
    expect(pages[0]!.isDone).toBe(false);
    subscribe(1, pages[0]!.continueCursor);
    await expect.poll(() => pages[1]).toBeDefined();
    expect(pages[1]!.page).toEqual(["p110", "p100", "p90", "p80", "p70", "p60", "p50", "p40"]);
    subscribe(2, pages[1]!.continueCursor);
    await expect.poll(() => pages[2]).toBeDefined();
    expect(pages[2]).toMatchObject({ page: ["p30", "p20", "p10", "p0"], isDone: true });

    // An insert in the middle of page 1: page 1 grows to 9 rows, page 2 is unchanged.
    await client.mutation(api.notes.add, { notes: [{ author: "dee", priority: 155, body: "p155" }] });
    await expect.poll(() => pages[0]!.page.length).toBe(9);
    expect(pages[0]!.page).toEqual(["p190", "p180", "p170", "p160", "p155", "p150", "p140", "p130", "p120"]);
    expect(pages[1]!.page).toEqual(["p110", "p100", "p90", "p80", "p70", "p60", "p50", "p40"]);
    // Every row exactly once across the live pages.
    const all = pages.flatMap((page) => page!.page);
    expect(new Set(all).size).toBe(21);
    expect(all).toHaveLength(21);
  });
});
