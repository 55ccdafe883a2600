/**
 * Node flags the embedded backend process runs with (added to NODE_OPTIONS, so tsx's child process gets them).
 *
 * A larger young generation: convex-test copies documents and every call's arguments and results go through a
 * JSON round trip, so the backend makes many short-lived objects and a default-size young generation
 * collects them often. With 32 MB semi-spaces, bench 6's zero-latency run spent less of its time between
 * steps (workflow overhead 221–286 ms over five runs, against 254–360 ms over six with Node's default, same
 * machine, alternated); the cost is at most ~100 MB more memory at peak.
 */
export const EMBEDDED_NODE_FLAGS = ["--max-semi-space-size=32"] as const;

/** `NODE_OPTIONS` for the embedded backend: what the environment already sets, plus EMBEDDED_NODE_FLAGS. */
export function embeddedNodeOptions(current: string | undefined): string {
  const flags = (current ?? "").split(/\s+/).filter(Boolean);
  for (const flag of EMBEDDED_NODE_FLAGS) if (!flags.some((f) => f.startsWith(flag.split("=")[0]))) flags.push(flag);
  return flags.join(" ");
}
