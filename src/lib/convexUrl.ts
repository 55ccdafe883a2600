/** Where the embedded backend listens when no real deployment is configured (ARCHITECTURE.md §7). */
export const EMBEDDED_BACKEND_URL = "http://127.0.0.1:3210";

/** The Convex deployment URL: VITE_CONVEX_URL when set, else the embedded backend. */
export function resolveConvexUrl(configured: string | undefined): string {
  const value = configured?.trim();
  return value ? value.replace(/\/+$/, "") : EMBEDDED_BACKEND_URL;
}
