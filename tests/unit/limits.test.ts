import { describe, expect, it } from "vitest";
import { describeWait } from "../../lib/limits";

describe("describeWait", () => {
  it("says the rate limiter's wait in words, rounded up", () => {
    expect(describeWait(0)).toBe("1 second");
    expect(describeWait(400)).toBe("1 second");
    expect(describeWait(42_100)).toBe("43 seconds");
    expect(describeWait(60_000)).toBe("1 minute");
    expect(describeWait(11.5 * 60_000)).toBe("12 minutes");
  });
});
