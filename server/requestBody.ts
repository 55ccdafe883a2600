/**
 * Reads an HTTP request's body with a size cap, for every server in server/ that takes one (the embedded
 * backend's HTTP API and its site URL): a body past the cap stops the read and throws RequestBodyTooLarge.
 */
import type { IncomingMessage } from "node:http";

export class RequestBodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super("Request body too large");
  }
}

/** The whole body as bytes; throws RequestBodyTooLarge as soon as it passes `maxBytes`. */
export async function readRequestBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new RequestBodyTooLarge(maxBytes);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
