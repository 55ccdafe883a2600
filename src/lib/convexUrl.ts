/** Where the embedded backend listens when no real deployment is configured (docs/architecture.md §7). */
export const EMBEDDED_BACKEND_URL = "http://127.0.0.1:3210";

/** The Convex deployment URL: VITE_CONVEX_URL when set, else the embedded backend. */
export function resolveConvexUrl(configured: string | undefined): string {
  const value = configured?.trim();
  return value ? value.replace(/\/+$/, "") : EMBEDDED_BACKEND_URL;
}

/**
 * True only when `npm run dev` started the embedded backend (server/dev.ts sets VITE_EMBEDDED_BACKEND=1 for it,
 * never when VITE_CONVEX_URL names a deployment): the sign-up form is then prefilled with the local demo account.
 */
export function isEmbeddedBackend(env: { VITE_EMBEDDED_BACKEND?: string }): boolean {
  return env.VITE_EMBEDDED_BACKEND === "1";
}

/** The local demo account offered on the embedded backend only (it lives in the local data folder). */
export const LOCAL_DEMO_ACCOUNT = { email: "demo@atlas.local", password: "atlas-demo-account" } as const;
