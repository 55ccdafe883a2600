/**
 * A lazy, memoized fixture: `const firstRun = once(async () => …)` does its work the first time a test awaits it
 * and hands every later caller the same promise (the same result, or the same failure). Tests that build on
 * earlier work await the fixtures they need instead of relying on the order tests run in, so each test runs
 * alone (`vitest run -t "<name>"`) while a whole file still pays for each piece of work once.
 */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}
