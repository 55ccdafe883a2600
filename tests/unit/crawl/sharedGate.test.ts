import { describe, expect, it } from "vitest";
import { admit, countedWindowMs, fairTag, MAX_POLL_MS, MIN_POLL_MS, SharedRequestGate, type SharedGateStore } from "../../../lib/providers/crawl/sharedGate";

const limits = { concurrency: 2, requestsPerMinute: 10, windowMs: 60_000 };
const now = 1_000_000;

describe("admit: the account's limits for one waiter", () => {
  it("admits the head of the queue when a slot and a place in the minute are free", () => {
    expect(admit({ now, limits, active: 1, windowStarts: [now - 5_000], position: 0 })).toEqual({ admit: true });
  });

  it("keeps a waiter behind others who take the free slots", () => {
    // One slot free: the waiter ahead takes it; this one is next and asks again soon.
    expect(admit({ now, limits, active: 1, windowStarts: [], position: 1 })).toEqual({ admit: false, waitMs: MIN_POLL_MS });
    // Both slots busy: the fourth in the queue asks less often than the head.
    expect(admit({ now, limits, active: 2, windowStarts: [], position: 3 })).toEqual({ admit: false, waitMs: 4 * MIN_POLL_MS });
  });

  it("with 10 started in the last minute, waits until the oldest start leaves it (counted 1 s longer)", () => {
    const windowStarts = Array.from({ length: 10 }, (_, i) => now - 58_000 + i * 1_000);
    const decision = admit({ now, limits: { ...limits, concurrency: 20 }, active: 0, windowStarts, position: 0 });
    expect(countedWindowMs(60_000)).toBe(61_000);
    expect(decision).toEqual({ admit: false, waitMs: 3_000 });
    // The sixth waiter needs the sixth oldest start to leave (8 s): it asks again after the longest poll.
    expect(admit({ now, limits: { ...limits, concurrency: 20 }, active: 0, windowStarts, position: 5 })).toEqual({ admit: false, waitMs: MAX_POLL_MS });
  });

  it("admits nobody while a 429's retry-after runs", () => {
    expect(admit({ now, limits, active: 0, windowStarts: [], pausedUntil: now + 1_500, position: 0 })).toEqual({ admit: false, waitMs: 1_500 });
    expect(admit({ now, limits, active: 0, windowStarts: [], pausedUntil: now - 1, position: 0 })).toEqual({ admit: true });
  });
});

describe("fairTag: agencies take turns", () => {
  it("tags a newcomer with the head's tag, and an agency's next request one past its last queued one", () => {
    expect(fairTag(undefined, undefined)).toBe(0);
    // Agency A has tags 4..33 queued (head 4); B arrives: tag 4, served right after A's first, before A's other 29.
    expect(fairTag(4, undefined)).toBe(4);
    expect(fairTag(4, 33)).toBe(34);
    expect(fairTag(4, 4)).toBe(5);
  });
});

/** A store that answers from a script and records what it was asked. */
function scriptedStore(answers: ({ lease: string } | { ticket: string; waitMs: number })[]) {
  const calls: string[] = [];
  const store: SharedGateStore = {
    acquire: async ({ tenant, ticket }) => {
      calls.push(`acquire ${tenant} ${ticket ?? "-"}`);
      const answer = answers.shift();
      if (!answer) throw new Error("no more answers");
      return answer;
    },
    release: async (handle) => void calls.push("lease" in handle ? `release lease ${handle.lease}` : `release ticket ${handle.ticket}`),
    pause: async (ms) => void calls.push(`pause ${ms}`),
  };
  return { store, calls };
}

describe("SharedRequestGate", () => {
  it("asks again with its ticket after the wait, runs the task once granted, and releases the lease", async () => {
    const { store, calls } = scriptedStore([{ ticket: "t1", waitMs: 5 }, { ticket: "t1", waitMs: 5 }, { lease: "l1" }]);
    const result = await new SharedRequestGate(store).run(async () => "scraped", { tenant: "agency-a", holdMs: 40_000 });
    expect(result).toBe("scraped");
    expect(calls).toEqual(["acquire agency-a -", "acquire agency-a t1", "acquire agency-a t1", "release lease l1"]);
  });

  it("releases the lease when the request fails", async () => {
    const { store, calls } = scriptedStore([{ lease: "l1" }]);
    const error = await new SharedRequestGate(store).run(() => Promise.reject(new Error("HTTP 500")), { holdMs: 1_000 }).catch((e: unknown) => e);
    expect((error as Error).message).toBe("HTTP 500");
    expect(calls.at(-1)).toBe("release lease l1");
  });

  it("a waiter whose signal aborts leaves the queue and never runs its task", async () => {
    const { store, calls } = scriptedStore([{ ticket: "t9", waitMs: 60_000 }]);
    const controller = new AbortController();
    let ran = false;
    const waiting = new SharedRequestGate(store).run(async () => void (ran = true), { signal: controller.signal, holdMs: 1_000 }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort(new Error("run cancelled"));
    expect(((await waiting) as Error).message).toBe("run cancelled");
    expect(ran).toBe(false);
    expect(calls).toEqual(["acquire  -", "release ticket t9"]);
  });

  it("a 429's pause is stored for the whole account", async () => {
    const { store, calls } = scriptedStore([]);
    await new SharedRequestGate(store).pause(42_000);
    expect(calls).toEqual(["pause 42000"]);
  });
});
