/**
 * The env var the embedded backend sets for its functions (server/embedded/authSetup.ts) and a Convex deployment
 * never has. Only for behaviour that is safe on a backend on the developer's own machine and not on a deployment
 * whose URL is public (convex/model/agency.ts: handing an ownerless profile to the first account).
 */
export const EMBEDDED_BACKEND_ENV = "ATLAS_EMBEDDED_BACKEND";

export function isEmbeddedBackend(env: Record<string, string | undefined>): boolean {
  return env[EMBEDDED_BACKEND_ENV] === "1";
}
