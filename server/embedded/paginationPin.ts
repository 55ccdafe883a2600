/**
 * What a deployment's query journal does for a paginated query: once a page has been sent, re-runs of that
 * subscription end where the first run ended (its `continueCursor` becomes the page's `endCursor`), so a
 * lead inserted inside the page grows that page instead of pushing a row into the gap before the next
 * page's cursor. `usePaginatedQuery` relies on this to show every row exactly once.
 * (Limit: the pin is kept per subscription, not sent as a journal, so a reconnect starts the page afresh.)
 */
import type { Value } from "convex/values";

type Args = Record<string, Value>;

/** The args to re-run a subscription with from now on, or null when nothing needs pinning. */
export function pinnedPageArgs(args: Args, result: Value): Args | null {
  const opts = args.paginationOpts;
  if (typeof opts !== "object" || opts === null || Array.isArray(opts) || opts instanceof ArrayBuffer) return null;
  const paginationOpts = opts as Record<string, Value>;
  if (typeof paginationOpts.endCursor === "string") return null;
  if (typeof result !== "object" || result === null || Array.isArray(result) || result instanceof ArrayBuffer) return null;
  const page = result as Record<string, Value>;
  if (page.isDone !== false || typeof page.continueCursor !== "string" || !Array.isArray(page.page)) return null;
  return { ...args, paginationOpts: { ...paginationOpts, endCursor: page.continueCursor } };
}
