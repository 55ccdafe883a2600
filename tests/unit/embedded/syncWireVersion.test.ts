/**
 * server/embedded/syncWire.ts copies the sync protocol's wire messages from convex's
 * src/browser/sync/protocol.ts. The dashboard's client is the installed convex, so the copy must follow it:
 * convex is pinned exactly, and an upgrade that changes protocol.ts fails here until syncWire.ts is reviewed
 * against the new file (then update SYNC_PROTOCOL_CONVEX_VERSION, the pin and the hash below).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SYNC_PROTOCOL_CONVEX_VERSION } from "../../../server/embedded/syncWire";

const REPO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const PROTOCOL_TS_SHA256 = "b7b6f9abb2ad17cc3efe0ba9ba67c79c021e6ade074e8a10da90e8a1d07db30d";

const readJson = (file: string) => JSON.parse(readFileSync(path.join(REPO_DIR, file), "utf8")) as { version?: string; dependencies?: Record<string, string> };

describe("the sync-protocol copy and the convex it speaks to", () => {
  it("pins convex to exactly the version syncWire.ts was copied from, and that version is installed", () => {
    expect(readJson("package.json").dependencies?.convex).toBe(SYNC_PROTOCOL_CONVEX_VERSION);
    expect(readJson("node_modules/convex/package.json").version).toBe(SYNC_PROTOCOL_CONVEX_VERSION);
  });

  it("finds convex's protocol.ts unchanged since the copy", () => {
    const source = readFileSync(path.join(REPO_DIR, "node_modules/convex/src/browser/sync/protocol.ts"));
    expect(createHash("sha256").update(source).digest("hex")).toBe(PROTOCOL_TS_SHA256);
  });
});
