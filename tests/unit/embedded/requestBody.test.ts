/**
 * The one body reader of server/ (server/requestBody.ts), used by the embedded backend's HTTP API and site URL:
 * a body within the cap arrives whole, one past it is refused as soon as it passes the cap, without reading on.
 */
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readRequestBody, RequestBodyTooLarge } from "../../../server/requestBody";

const CAP = 64 * 1024;
const CHUNK = 8 * 1024;

/** A request body arriving in 8 KiB chunks; `pulled` counts the chunks the reader asked for. */
function body(bytes: Buffer): { request: IncomingMessage; pulled: () => number } {
  let pulled = 0;
  function* chunks() {
    for (let i = 0; i < bytes.length; i += CHUNK) {
      pulled += 1;
      yield bytes.subarray(i, i + CHUNK);
    }
  }
  return { request: Readable.from(chunks(), { objectMode: false }) as unknown as IncomingMessage, pulled: () => pulled };
}

describe("readRequestBody", () => {
  it("returns a body of exactly the cap, byte for byte", async () => {
    const bytes = Buffer.concat([Buffer.alloc(CAP - 3, "a"), Buffer.from("xyz")]);
    const read = await readRequestBody(body(bytes).request, CAP);
    expect(read.equals(bytes)).toBe(true);
  });

  it("refuses one byte more", async () => {
    const error = await readRequestBody(body(Buffer.alloc(CAP + 1, "b")).request, CAP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestBodyTooLarge);
    expect((error as RequestBodyTooLarge).message).toBe("Request body too large");
  });

  it("stops reading at the chunk that passes the cap", async () => {
    const huge = body(Buffer.alloc(100 * CAP, "c"));
    await expect(readRequestBody(huge.request, CAP)).rejects.toThrow(RequestBodyTooLarge);
    expect(huge.pulled()).toBeLessThanOrEqual(CAP / CHUNK + 2);
  });

  it("reads an empty body", async () => {
    expect((await readRequestBody(body(Buffer.alloc(0)).request, CAP)).length).toBe(0);
  });
});
