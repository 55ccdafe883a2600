/**
 * Share-link tokens and lifetimes for prospect reports. A token is 32 random bytes (256 bits) from a
 * cryptographic generator, base64url-encoded (43 characters), so a link cannot be guessed or enumerated.
 */
export const SHARE_TOKEN_BYTES = 32;
/** How long a share link works (the dashboard says so beside the links). */
export const SHARE_LINK_TTL_DAYS = 30;
export const SHARE_LINK_TTL_MS = SHARE_LINK_TTL_DAYS * 24 * 60 * 60 * 1000;
/**
 * The longest wait of one scheduled expiry check. Node timers cap at 2^31-1 ms (24.8 days) and fire at once
 * beyond it, which convex-test (and so the embedded backend) would do with a 30-day schedule: the check hops
 * at most this far and schedules itself again until the link's expiry.
 */
export const EXPIRY_CHECK_MAX_DELAY_MS = 20 * 24 * 60 * 60 * 1000;

/** When the next expiry check of a link expiring at `expiresAt` runs, seen at `now`. */
export function nextExpiryCheckAt(expiresAt: number, now: number): number {
  return Math.min(expiresAt, now + EXPIRY_CHECK_MAX_DELAY_MS);
}
/** The dashboard path of a shared report: `/r/<token>`. */
export const SHARE_PATH_PREFIX = "/r/";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** base64url without padding. */
export function base64Url(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** A new token from `fillRandom` (crypto.getRandomValues). */
export function newShareToken(fillRandom: (bytes: Uint8Array) => Uint8Array): string {
  return base64Url(fillRandom(new Uint8Array(SHARE_TOKEN_BYTES)));
}

const TOKEN_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((SHARE_TOKEN_BYTES * 8) / 6)}}$`);

/** Whether `token` has the shape of one we issue (anything else is not looked up). */
export function isWellFormedShareToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** The token in a dashboard path (`/r/<token>`, optional trailing slash), or undefined. */
export function shareTokenFromPath(pathname: string): string | undefined {
  if (!pathname.startsWith(SHARE_PATH_PREFIX)) return undefined;
  const token = pathname.slice(SHARE_PATH_PREFIX.length).replace(/\/$/, "");
  return token || undefined;
}
