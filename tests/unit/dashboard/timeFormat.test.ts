import { describe, expect, it } from "vitest";
import { formatDuration, formatRelativeTime, phaseDuration } from "../../../src/lib/timeFormat";

describe("formatDuration", () => {
  it.each([
    [0, "0 ms"],
    [850, "850 ms"],
    [1000, "1.0 s"],
    [4_260, "4.2 s"],
    [9_999, "9.9 s"],
    [42_000, "42 s"],
    [60_000, "1 min"],
    [125_000, "2 min 5 s"],
    [3_600_000, "1 h"],
    [3_780_000, "1 h 3 min"],
  ])("%i ms → %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows a dash for impossible durations (clock skew)", () => {
    expect(formatDuration(-20)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("phaseDuration", () => {
  const now = 1_700_000_060_000;
  it("is the phase length once complete", () => {
    expect(phaseDuration({ startedAt: now - 5000, completedAt: now - 1000 }, now)).toBe(4000);
  });
  it("is the time so far while running", () => {
    expect(phaseDuration({ startedAt: now - 7000 }, now)).toBe(7000);
  });
  it("is undefined before the phase starts", () => {
    expect(phaseDuration({}, now)).toBeUndefined();
  });
});

describe("formatRelativeTime", () => {
  const now = 1_700_000_000_000;
  it.each([
    [0, "just now"],
    [4_000, "just now"],
    [42_000, "42 s ago"],
    [3 * 60_000 + 10_000, "3 min ago"],
    [5 * 3_600_000, "5 h ago"],
    [50 * 3_600_000, "2 d ago"],
  ])("%i ms ago → %s", (ago, text) => {
    expect(formatRelativeTime(now - ago, now)).toBe(text);
  });

  it("treats a timestamp slightly in the future (server clock ahead) as just now", () => {
    expect(formatRelativeTime(now + 3000, now)).toBe("just now");
  });
});

describe("meeting times in a datetime-local input", () => {
  it("round-trips a local time and rejects empty or malformed values", async () => {
    const { fromDateTimeLocal, toDateTimeLocal } = await import("../../../src/lib/timeFormat");
    const at = new Date(2026, 11, 8, 16, 0).getTime();
    expect(toDateTimeLocal(at)).toBe("2026-12-08T16:00");
    expect(fromDateTimeLocal("2026-12-08T16:00")).toBe(at);
    expect(fromDateTimeLocal("")).toBeUndefined();
    expect(fromDateTimeLocal("tomorrow")).toBeUndefined();
  });
});
