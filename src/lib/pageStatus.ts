/**
 * Crawled pages as the report lists them: pages that loaded, and pages that
 * returned errors with what each error means for the business.
 */
export interface CrawledPageRow {
  url: string;
  title?: string;
  statusCode: number;
  error?: string;
}

export function pageLoaded(page: Pick<CrawledPageRow, "statusCode" | "error">): boolean {
  return !page.error && page.statusCode >= 200 && page.statusCode < 400;
}

/** What an error page means, in words: "Not found (404): a link on the site leads to a page that no longer exists." */
export function explainPageError(page: Pick<CrawledPageRow, "statusCode" | "error">): string {
  const code = page.statusCode;
  if (code === 404 || code === 410)
    return `Not found (${code}): a link on the site or its sitemap leads to a page that no longer exists, so visitors who follow it hit a dead end.`;
  if (code === 401 || code === 403) return `Access denied (${code}): the page is private or the server refused our request.`;
  if (code === 429) return "Too many requests (429): the server asked us to slow down, so the page was not read.";
  if (code >= 500) return `Server error (${code}): the website's server failed while answering.`;
  if (code >= 400) return `Error ${code}: the server refused the request.`;
  if (code === 0) return `Not fetched: ${page.error ?? "the page could not be read"}.`;
  return page.error ? `Not read: ${page.error}.` : `Unexpected answer (${code}).`;
}

/** Loaded pages first (as crawled), then the pages that returned errors. */
export function splitCrawledPages<T extends CrawledPageRow>(pages: readonly T[]): { loaded: T[]; errors: T[] } {
  return { loaded: pages.filter(pageLoaded), errors: pages.filter((p) => !pageLoaded(p)) };
}
