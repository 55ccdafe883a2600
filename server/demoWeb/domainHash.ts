import { createHash } from "node:crypto";

/**
 * A stable number in [0, 1) for one facet of one domain: every site quality is
 * rolled from sha256(domain + facet), so profiles never change between runs
 * and facets are independent of each other.
 */
export function domainRoll(domain: string, facet: string): number {
  const digest = createHash("sha256").update(`${domain}#${facet}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/** Pick one option by roll, weights need not sum to 1. */
export function domainPick<T>(domain: string, facet: string, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let remaining = domainRoll(domain, facet) * total;
  for (const [value, weight] of options) {
    if (remaining < weight) return value;
    remaining -= weight;
  }
  return options[options.length - 1][0];
}

/** An integer in [min, max] inclusive. */
export function domainInt(domain: string, facet: string, min: number, max: number): number {
  return min + Math.floor(domainRoll(domain, facet) * (max - min + 1));
}

/** Deterministic byte stream for filler content (xorshift32 seeded from the domain). */
export function domainBytes(domain: string, facet: string, length: number): Buffer {
  let state = createHash("sha256").update(`${domain}#${facet}`).digest().readUInt32BE(0) || 1;
  const out = Buffer.allocUnsafe(length);
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    out[i] = state & 0xff;
  }
  return out;
}
