/**
 * The embedded backend answers `withIndex` ranges from sorted index structures it maintains on every commit
 * (server/embedded/convexTestInternals.ts). These check it returns exactly what a table scan would: ranges,
 * order, take, streamed reads that stop early, pagination page by page (filtered pages included, which must read
 * about one page of rows, not the rest of the range), and a transaction reading its own writes.
 */
import { describe, expect, it } from "vitest";
import { indexRowsRead } from "../../../server/embedded/convexTestInternals";
import { EmbeddedRuntime } from "../../../server/embedded/runtime";
import { FIXTURE_APP_DIR } from "./harness";

type Note = { author: string; priority: number; body: string };
type Page = { page: string[]; isDone: boolean; continueCursor: string };

/** Notes of three authors with shuffled priorities (ties included), inserted in several transactions. */
function fixtureNotes(): Note[] {
  const notes: Note[] = [];
  for (let i = 0; i < 150; i++) {
    const author = ["ana", "ben", "cy"][i % 3];
    notes.push({ author, priority: (i * 37) % 23, body: `${author}-${i}` });
  }
  return notes;
}

/** What the index order is: priority, then insertion (creation time). */
function expected(notes: Note[], author: string, filter: (note: Note) => boolean, order: "asc" | "desc"): string[] {
  const rows = notes
    .map((note, position) => ({ ...note, position }))
    .filter((note) => note.author === author && filter(note))
    .sort((a, b) => a.priority - b.priority || a.position - b.position);
  if (order === "desc") rows.reverse();
  return rows.map((row) => row.body);
}

async function seeded(): Promise<{ runtime: EmbeddedRuntime; notes: Note[] }> {
  const runtime = await EmbeddedRuntime.create({ projectDir: FIXTURE_APP_DIR });
  const notes = fixtureNotes();
  // Query once first, so the index is built early and then maintained through the inserts.
  await runtime.callPublic("query", "notes:range", { author: "ana", order: "asc" });
  for (let start = 0; start < notes.length; start += 40) {
    await runtime.callPublic("mutation", "notes:add", { notes: notes.slice(start, start + 40) });
  }
  return { runtime, notes };
}

describe("embedded backend: index-backed queries", () => {
  it("returns index ranges in index order, with bounds, order and take", async () => {
    const { runtime, notes } = await seeded();
    const range = (args: Record<string, unknown>) => runtime.callPublic("query", "notes:range", args as never);
    for (const order of ["asc", "desc"] as const) {
      expect(await range({ author: "ben", order })).toEqual(expected(notes, "ben", () => true, order));
      expect(await range({ author: "ben", order, min: 5, below: 12 })).toEqual(expected(notes, "ben", (n) => n.priority >= 5 && n.priority < 12, order));
      expect(await range({ author: "cy", order, min: 20 })).toEqual(expected(notes, "cy", (n) => n.priority >= 20, order));
      expect(await range({ author: "ana", order, take: 7 })).toEqual(expected(notes, "ana", () => true, order).slice(0, 7));
    }
    expect(await range({ author: "nobody", order: "asc" })).toEqual([]);
    runtime.halt();
  });

  it("streams a query row by row: early stops, filters, whole-table order", async () => {
    const { runtime, notes } = await seeded();
    const stream = (args: Record<string, unknown>) => runtime.callPublic("query", "notes:stream", args as never);
    for (const order of ["asc", "desc"] as const) {
      expect(await stream({ author: "ben", order, stopAfter: 5 })).toEqual(expected(notes, "ben", () => true, order).slice(0, 5));
      expect(await stream({ author: "ben", order, stopAfter: 1_000 })).toEqual(expected(notes, "ben", () => true, order));
      expect(await stream({ author: "cy", order, stopAfter: 4, minPriority: 18 })).toEqual(expected(notes, "cy", (n) => n.priority >= 18, order).slice(0, 4));
      const inserted = notes.map((note) => note.body);
      expect(await stream({ order, stopAfter: 1_000 })).toEqual(order === "asc" ? inserted : [...inserted].reverse());
      expect(await stream({ order, stopAfter: 3, minPriority: 22 })).toEqual(
        (order === "asc" ? notes : [...notes].reverse())
          .filter((n) => n.priority >= 22)
          .slice(0, 3)
          .map((n) => n.body),
      );
    }
    runtime.halt();
  });

  it("paginates through every row exactly once, in order", async () => {
    const { runtime, notes } = await seeded();
    for (const order of ["asc", "desc"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let pages = 0; pages < 20; pages++) {
        const result = (await runtime.callPublic("query", "notes:page", { author: "cy", order, paginationOpts: { numItems: 12, cursor } })) as {
          page: string[];
          isDone: boolean;
          continueCursor: string;
        };
        seen.push(...result.page);
        if (result.isDone) break;
        cursor = result.continueCursor;
      }
      expect(seen).toEqual(expected(notes, "cy", () => true, order));
    }
    runtime.halt();
  });

  it("pages a filtered range with the rows a scan gives, reading each row about once instead of to the range end every page", async () => {
    const { runtime, notes } = await seeded();
    const cy = notes.filter((note) => note.author === "cy").length;
    const pageFiltered = async (args: Record<string, unknown>) => {
      const before = indexRowsRead(runtime.internals);
      const result = (await runtime.callPublic("query", "notes:pageFiltered", args as never)) as Page;
      return { ...result, rowsRead: indexRowsRead(runtime.internals) - before };
    };
    for (const order of ["asc", "desc"] as const) {
      for (const minPriority of [18, 0, 22]) {
        const want = expected(notes, "cy", (n) => n.priority >= minPriority, order);
        const seen: string[] = [];
        const pages: Page[] = [];
        let rowsRead = 0;
        let cursor: string | null = null;
        for (let i = 0; i < 30; i++) {
          const result = await pageFiltered({ author: "cy", order, minPriority, paginationOpts: { numItems: 3, cursor } });
          pages.push(result);
          rowsRead += result.rowsRead;
          seen.push(...result.page);
          if (result.isDone) break;
          cursor = result.continueCursor;
        }
        expect(seen).toEqual(want);
        expect(pages.at(-1)!.isDone).toBe(true);
        expect(pages.slice(0, -1).every((page) => page.page.length === 3)).toBe(true);
        // Each row of the range once, plus the one row each page reads past its last match.
        expect(rowsRead).toBeLessThanOrEqual(cy + pages.length);
        // A page pinned to its end cursor (a live page re-run) holds the same rows.
        const first = await pageFiltered({
          author: "cy",
          order,
          minPriority,
          paginationOpts: { numItems: 3, cursor: null, endCursor: pages[0].continueCursor },
        });
        expect(first.page).toEqual(pages[0].page);
        expect(first.continueCursor).toBe(pages[0].continueCursor);
      }
    }
    // A filter nothing passes: one page, empty, done, the range read once.
    const none = await pageFiltered({ author: "cy", order: "asc", minPriority: 99, paginationOpts: { numItems: 3, cursor: null } });
    expect(none).toMatchObject({ page: [], isDone: true });
    expect(none.rowsRead).toBe(cy);
    // The transaction's own inserts are merged into the filtered page in index order.
    const inserted = [
      { author: "cy", priority: 21.5, body: "inserted-21.5" },
      { author: "cy", priority: 3, body: "inserted-3" },
    ];
    const own = (await runtime.callPublic("mutation", "notes:addThenPageFiltered", {
      author: "cy",
      order: "desc",
      minPriority: 18,
      paginationOpts: { numItems: 4, cursor: null },
      notes: inserted,
    } as never)) as Page;
    expect(own.page).toEqual(expected([...notes, ...inserted], "cy", (n) => n.priority >= 18, "desc").slice(0, 4));
    expect(own.page).toContain("inserted-21.5");
    runtime.halt();
  });

  it("lets a transaction read its own inserts, patches and deletes, and keeps the index right after commit", async () => {
    const { runtime, notes } = await seeded();
    const before = expected(notes, "ana", () => true, "desc");
    const result = (await runtime.callPublic("mutation", "notes:rewriteAndRead", { author: "ana" })) as { top2: string[]; lowest: string };
    expect(result.top2).toEqual(["inserted", before[1]]);
    expect(result.lowest).toBe(`${before[0]} (demoted)`);
    const after = (await runtime.callPublic("query", "notes:range", { author: "ana", order: "asc" })) as string[];
    expect(after[0]).toBe(`${before[0]} (demoted)`);
    expect(after.at(-1)).toBe("inserted");
    expect(after).not.toContain(before.at(-1));
    expect(after).toHaveLength(before.length);
    runtime.halt();
  });
});
