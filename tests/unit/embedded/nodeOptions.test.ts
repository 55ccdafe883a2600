import { describe, expect, it } from "vitest";
import { embeddedNodeOptions } from "../../../server/embedded/nodeOptions";

describe("embeddedNodeOptions", () => {
  it("adds the backend's flags to what NODE_OPTIONS already holds, and keeps a value the user chose", () => {
    expect(embeddedNodeOptions(undefined)).toBe("--max-semi-space-size=32");
    expect(embeddedNodeOptions("--enable-source-maps")).toBe("--enable-source-maps --max-semi-space-size=32");
    expect(embeddedNodeOptions("--max-semi-space-size=64 --trace-warnings")).toBe("--max-semi-space-size=64 --trace-warnings");
  });
});
