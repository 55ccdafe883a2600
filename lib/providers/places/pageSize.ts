/** Places returns at most 20 results per page. */
export const MAX_PAGE_SIZE = 20;

/** A requested result count as a valid page size (1–20). */
export function clampPageSize(maxResults: number): number {
  if (!Number.isFinite(maxResults)) return MAX_PAGE_SIZE;
  return Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(maxResults)));
}
