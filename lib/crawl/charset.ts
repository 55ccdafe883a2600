/** Decodes a fetched body using the Content-Type charset, else a <meta charset> in the first 1 KiB, else UTF-8. */
export function decodeBody(body: Uint8Array, contentType?: string): string {
  const label = charsetFromContentType(contentType) ?? charsetFromMeta(body) ?? "utf-8";
  try {
    return new TextDecoder(label).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

function charsetFromContentType(contentType?: string): string | undefined {
  const match = contentType?.match(/charset\s*=\s*"?([\w.:-]+)"?/i);
  return match?.[1].toLowerCase();
}

function charsetFromMeta(body: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(body.subarray(0, 1024));
  const match = head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i);
  return match?.[1].toLowerCase();
}
