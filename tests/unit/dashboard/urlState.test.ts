import { describe, expect, it } from "vitest";
import { mergeUrlState, parseUrlState, serializeUrlState } from "../../../src/lib/urlState";

describe("parseUrlState", () => {
  it("reads a shared run link with an open report", () => {
    expect(parseUrlState("?run=jd7abc123&opp=k57xyz")).toEqual({ tab: "run", run: "jd7abc123", opp: "k57xyz" });
  });

  it("reads the All campaigns tab with filters containing spaces and commas", () => {
    expect(parseUrlState("?tab=all&vertical=auto+repair&geography=Portland%2C+OR")).toEqual({
      tab: "all",
      vertical: "auto repair",
      geography: "Portland, OR",
    });
  });

  it("falls back to the run tab and ignores empty, unknown and oversized values", () => {
    expect(parseUrlState("")).toEqual({ tab: "run" });
    expect(parseUrlState("?tab=settings&run=&foo=bar")).toEqual({ tab: "run" });
    expect(parseUrlState(`?vertical=${"x".repeat(500)}`)).toEqual({ tab: "run" });
  });
});

describe("serializeUrlState", () => {
  it("gives an empty string for the default view", () => {
    expect(serializeUrlState({ tab: "run" })).toBe("");
  });

  it("round-trips every field", () => {
    const state = { tab: "all" as const, run: "jd7abc", vertical: "dentists & orthodontists", geography: "São Paulo", opp: "k57" };
    const search = serializeUrlState(state);
    expect(search.startsWith("?")).toBe(true);
    expect(parseUrlState(search)).toEqual(state);
  });

  it("writes keys in a stable order so equal states give equal URLs", () => {
    expect(serializeUrlState({ opp: "o1", run: "r1", tab: "run" })).toBe(serializeUrlState({ tab: "run", run: "r1", opp: "o1" }));
  });
});

describe("mergeUrlState", () => {
  it("sets new keys and clears keys patched with undefined", () => {
    const start = parseUrlState("?run=r1&opp=o1");
    expect(mergeUrlState(start, { opp: undefined })).toEqual({ tab: "run", run: "r1" });
    expect(mergeUrlState(start, { run: "r2", opp: undefined })).toEqual({ tab: "run", run: "r2" });
  });

  it("keeps the run when switching tabs and back", () => {
    const all = mergeUrlState(parseUrlState("?run=r1"), { tab: "all" });
    expect(all).toEqual({ tab: "all", run: "r1" });
    expect(mergeUrlState(all, { tab: "run" })).toEqual({ tab: "run", run: "r1" });
  });
});

describe("lead table state in the URL", () => {
  it("keeps a valid sort, search and filters, and drops unknown values", async () => {
    const { parseUrlState, serializeUrlState } = await import("../../../src/lib/urlState");
    const state = parseUrlState("?tab=all&sort=rating&order=asc&q=cedar%20dental&status=MEETING_BOOKED&signal=LOW_GOOGLE_RATING");
    expect(state).toMatchObject({ tab: "all", sort: "rating", order: "asc", q: "cedar dental", status: "MEETING_BOOKED", signal: "LOW_GOOGLE_RATING" });
    expect(parseUrlState(serializeUrlState(state))).toEqual(state);
    expect(parseUrlState("?sort=price&order=up&status=HOT&signal=NOPE")).toEqual({ tab: "run" });
  });
});
