import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CrawlBudget, CrawlBudgetExceeded } from "../../../lib/crawl/budget";

// The budget reads performance.now() and arms setTimeout: both faked, so time moves only when the test says.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
});
afterEach(() => {
  vi.useRealTimers();
});

function reasonOf(budget: CrawlBudget): string | undefined {
  const reason: unknown = budget.signal.reason;
  return reason instanceof CrawlBudgetExceeded ? reason.message : undefined;
}

describe("CrawlBudget: waiting for a shared provider slot", () => {
  it("without any queueing the deadline is wall time, as before", () => {
    const budget = new CrawlBudget({ deadlineMs: 1_000 });
    vi.advanceTimersByTime(999);
    expect(budget.exhausted).toBe(false);
    vi.advanceTimersByTime(2);
    expect(reasonOf(budget)).toBe("Crawl deadline of 1000 ms reached");
  });

  it("time spent only waiting for a slot does not spend the deadline", () => {
    const budget = new CrawlBudget({ deadlineMs: 1_000, maxQueueWaitMs: 10_000 });
    vi.advanceTimersByTime(400);
    const slot = budget.waitForSlot();
    vi.advanceTimersByTime(5_000);
    expect(budget.exhausted).toBe(false);
    expect(budget.queuedMs).toBe(5_000);
    expect(budget.remainingMs()).toBe(600);
    slot.granted();
    vi.advanceTimersByTime(599);
    expect(budget.exhausted).toBe(false);
    slot.done();
    vi.advanceTimersByTime(2);
    expect(reasonOf(budget)).toBe("Crawl deadline of 1000 ms reached");
    expect(budget.elapsedMs).toBe(6_001);
  });

  it("while another request of the crawl is in flight, the clock keeps running", () => {
    const budget = new CrawlBudget({ deadlineMs: 1_000, maxQueueWaitMs: 10_000 });
    const working = budget.waitForSlot();
    working.granted();
    budget.waitForSlot();
    vi.advanceTimersByTime(1_001);
    expect(reasonOf(budget)).toBe("Crawl deadline of 1000 ms reached");
  });

  it("the waits add up to the queue limit, then the crawl ends naming the Firecrawl limits", () => {
    const budget = new CrawlBudget({ deadlineMs: 60_000, maxQueueWaitMs: 3_000 });
    const first = budget.waitForSlot();
    vi.advanceTimersByTime(2_000);
    first.granted();
    vi.advanceTimersByTime(10_000);
    first.done();
    budget.waitForSlot();
    vi.advanceTimersByTime(999);
    expect(budget.exhausted).toBe(false);
    vi.advanceTimersByTime(2);
    expect(reasonOf(budget)).toBe("Waited 3 s in all for a free Firecrawl slot (FIRECRAWL_CONCURRENCY, FIRECRAWL_REQUESTS_PER_MINUTE)");
  });

  it("a request given up before its slot stops the pause; calling done twice changes nothing", () => {
    const budget = new CrawlBudget({ deadlineMs: 1_000, maxQueueWaitMs: 10_000 });
    const slot = budget.waitForSlot();
    vi.advanceTimersByTime(3_000);
    slot.done();
    slot.done();
    slot.granted();
    vi.advanceTimersByTime(1_001);
    expect(reasonOf(budget)).toBe("Crawl deadline of 1000 ms reached");
  });
});
