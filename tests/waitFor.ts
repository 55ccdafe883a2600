/**
 * The one way tests wait: on state, never on time. Polls `probe` until it returns a truthy value (returned), or
 * fails after `timeoutMs` naming what it waited for. Keep `timeoutMs` below the test's own timeout, so a stuck
 * wait reports its reason instead of vitest's bare "Test timed out".
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs, intervalMs = 100, what = "the condition" }: { timeoutMs: number; intervalMs?: number; what?: string | (() => string) },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === "function" ? what() : what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
