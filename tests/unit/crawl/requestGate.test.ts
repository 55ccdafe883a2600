import { describe, expect, it } from "vitest";
import { createFairLimiter } from "../../../lib/crawl/concurrencyLimit";
import { RequestGate } from "../../../lib/providers/crawl/requestGate";

describe("RequestGate", () => {
  it("starts no more than requestsPerMinute requests in one window", async () => {
    const gate = new RequestGate(5, 3, 300);
    const starts: number[] = [];
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 6 }, () => gate.run(async () => starts.push(performance.now() - t0))));
    // The first 3 go at once; the next 3 wait for the window to roll over.
    expect(starts.slice(3).every((t) => t >= 250)).toBe(true);
    expect(starts.slice(0, 3).every((t) => t < 250)).toBe(true);
  });

  it("holds every request while paused (a 429's Retry-After) and gives up when the signal aborts", async () => {
    const gate = new RequestGate(2, 100, 60_000);
    await gate.pause(10_000);
    const error = await gate.run(async () => "sent", { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
  });
});

describe("fair sharing between agencies", () => {
  it("a freed slot goes to the next agency with work waiting (round robin), FIFO within an agency", async () => {
    const limit = createFairLimiter(1);
    const started: string[] = [];
    const task = (name: string) => async () => {
      started.push(name);
      await new Promise((resolve) => setTimeout(resolve, 5));
    };
    const all = [...["a1", "a2", "a3", "a4"].map((n) => limit("A", task(n))), limit("B", task("b1")), limit("C", task("c1")), limit("B", task("b2"))];
    await Promise.all(all);
    expect(started).toEqual(["a1", "a2", "b1", "c1", "a3", "b2", "a4"]);
  });

  it("never runs more than the limit at once", async () => {
    const limit = createFairLimiter(2);
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(`agency-${i % 3}`, async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 2));
          running--;
        }),
      ),
    );
    expect(most).toBe(2);
  });

  it("a waiting request whose signal aborts leaves the queue; the others still run", async () => {
    const limit = createFairLimiter(1);
    let release!: () => void;
    const first = limit("A", () => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    const aborted = limit("B", async () => "never", controller.signal).catch((e: unknown) => e);
    const later = limit("C", async () => "ran");
    controller.abort(new Error("run cancelled"));
    expect(((await aborted) as Error).message).toBe("run cancelled");
    release();
    await first;
    expect(await later).toBe("ran");
  });

  it("RequestGate serves tenants in turn", async () => {
    const gate = new RequestGate(1, 1000, 60_000);
    const started: string[] = [];
    const run = (tenant: string, name: string) => gate.run(async () => void started.push(name), { tenant });
    await Promise.all([run("A", "a1"), run("A", "a2"), run("A", "a3"), run("B", "b1")]);
    // a1 runs, a2 was queued before B arrived, then B's turn: b1 third, not last.
    expect(started).toEqual(["a1", "a2", "b1", "a3"]);
  });
});
