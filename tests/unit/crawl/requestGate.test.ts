import { describe, expect, it } from "vitest";
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
    gate.pause(10_000);
    const error = await gate.run(async () => "sent", AbortSignal.timeout(100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
  });
});
