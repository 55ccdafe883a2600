/**
 * Firecrawl v2's answers in their real JSON shapes, for fake Firecrawl servers on 127.0.0.1 that "browse" the demo
 * websites: `map` lists a few paths of the site, `scrape` returns the demo page as Markdown, raw HTML and metadata.
 */
import { request as httpRequest } from "node:http";

/** GET a demo site's page as Firecrawl's browser would see it (the demo server at `origin` routes by Host). */
export function fetchDemoPage(origin: string, pageUrl: string): Promise<{ status: number; html: string }> {
  const target = new URL(pageUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${origin}${target.pathname}${target.search}`,
      { headers: { host: target.host, "x-forwarded-proto": target.protocol.replace(":", "") } },
      (res) => {
        let html = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (html += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, html }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

/** `POST /v2/map`'s answer: the given paths on the site's origin. */
export function firecrawlMapAnswer(siteUrl: string, paths: readonly string[]) {
  const origin = new URL(siteUrl).origin;
  return { success: true, links: paths.map((path) => ({ url: new URL(path, origin).toString() })) };
}

/** `POST /v2/scrape`'s answer for `url`, read from the demo web server at `demoOrigin`. */
export async function firecrawlScrapeAnswer(demoOrigin: string, url: string) {
  const page = await fetchDemoPage(demoOrigin, url);
  return {
    success: true,
    data: {
      markdown: page.html.replace(/<[^>]+>/g, " ").slice(0, 2_000),
      rawHtml: page.html,
      links: [],
      metadata: {
        title: /<title>([^<]*)<\/title>/.exec(page.html)?.[1],
        statusCode: page.status,
        sourceURL: url,
        url,
        contentType: "text/html; charset=utf-8",
      },
    },
  };
}
