import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  EXPIRY_CHECK_MAX_DELAY_MS,
  SHARE_LINK_TTL_MS,
  base64Url,
  isWellFormedShareToken,
  newShareToken,
  nextExpiryCheckAt,
  shareTokenFromPath,
} from "../../../lib/shareLinks";

describe("share-link tokens", () => {
  it("encode 256 random bits as 43 base64url characters, different every time", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newShareToken((b) => crypto.getRandomValues(b))));
    expect(tokens.size).toBe(200);
    for (const token of tokens) expect(isWellFormedShareToken(token)).toBe(true);
  });

  it("base64url matches Node's encoder", () => {
    for (const length of [0, 1, 2, 3, 31, 32, 33]) {
      const bytes = randomBytes(length);
      expect(base64Url(bytes)).toBe(bytes.toString("base64url"));
    }
  });

  it("rejects anything that is not a token we issue, and reads one from /r/<token>", () => {
    expect(isWellFormedShareToken("abc")).toBe(false);
    expect(isWellFormedShareToken(`${"a".repeat(42)}!`)).toBe(false);
    const token = base64Url(randomBytes(32));
    expect(shareTokenFromPath(`/r/${token}`)).toBe(token);
    expect(shareTokenFromPath(`/r/${token}/`)).toBe(token);
    expect(shareTokenFromPath("/")).toBeUndefined();
    expect(shareTokenFromPath("/r/")).toBeUndefined();
  });

  it("expiry checks never wait longer than a Node timer can (2^31-1 ms), and land on the expiry", () => {
    const created = Date.UTC(2026, 11, 1);
    const expires = created + SHARE_LINK_TTL_MS;
    const first = nextExpiryCheckAt(expires, created);
    expect(first - created).toBe(EXPIRY_CHECK_MAX_DELAY_MS);
    expect(EXPIRY_CHECK_MAX_DELAY_MS).toBeLessThan(2 ** 31 - 1);
    expect(nextExpiryCheckAt(expires, first)).toBe(expires);
  });
});
