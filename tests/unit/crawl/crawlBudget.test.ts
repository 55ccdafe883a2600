import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CrawlBudget } from "../../../lib/crawl/budget";
import { BuiltinCrawler } from "../../../lib/providers/crawl/builtin";
import { CrawlError } from "../../../lib/providers/crawl/types";
import { sendHtml, startLocalServer, type LocalServer, type SeenRequest } from "./localServer";

// Hostile sites measured on the crawler before it had a budget: a 50,000 × 50,000 sitemap
// fan-out grew the heap past 2.5 GB, children and robots.txt files were fetched one at a
// time at 10 s each with no overall deadline. Every case here must end inside its budget.

const page = (title: string) => `<!doctype html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;
const hanging: ServerResponse[] = [];

/** Writes a 50,000-entry sitemap index in chunks, as a real server would stream it. */
function streamIndex(res: ServerResponse, origin: string, prefix: string): void {
  res.writeHead(200, { "content-type": "application/xml" });
  res.write(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`);
  let i = 0;
  const pump = () => {
    while (i < 50_000) {
      const chunk = Array.from({ length: 500 }, () => `<sitemap><loc>${origin}/${prefix}-${i++}.xml</loc></sitemap>`).join("");
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    res.end("</sitemapindex>");
  };
  pump();
}

function serve(req: SeenRequest, res: ServerResponse): void {
  const [path] = req.path.split("?");
  const host = req.host.replace(/:\d+$/, "");
  const origin = `https://${req.host}`;
  if (host === "fanout.example") {
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`User-agent: *\nAllow: /\nSitemap: ${origin}/index.xml\n`);
    }
    if (path === "/") return sendHtml(res, page("Fan-out"));
    if (path === "/index.xml") return streamIndex(res, origin, "child-index");
    if (path === "/child-index-0.xml") return streamIndex(res, origin, "grandchild");
    // Every other child never answers.
    hanging.push(res);
    return;
  }
  if (host === "ports.example") {
    // The home origin answers; robots.txt of every other origin (other ports) hangs.
    if (req.host !== "ports.example") {
      hanging.push(res);
      return;
    }
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end("User-agent: *\nAllow: /\n");
    }
    if (path === "/sitemap.xml") {
      res.writeHead(200, { "content-type": "application/xml" });
      const locs = Array.from({ length: 5_000 }, (_, i) => `<url><loc>https://ports.example:${10_000 + i}/page</loc></url>`).join("");
      return void res.end(
        `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://ports.example/about</loc></url>${locs}</urlset>`,
      );
    }
    return sendHtml(res, page(`Ports ${path}`));
  }
  if (host === "polite.example") {
    if (path === "/robots.txt") {
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end("User-agent: *\nCrawl-delay: 30\nAllow: /\n");
    }
    return sendHtml(res, page(`Polite ${path}`));
  }
  if (host === "tarpit.example") {
    if (path === "/robots.txt") {
      res.writeHead(404);
      return void res.end();
    }
    // Slowloris: headers, then a byte now and then, forever.
    res.writeHead(200, { "content-type": "text/html" });
    res.write("<html><body>");
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write(" ")), 100);
    hanging.push(res);
    return;
  }
  sendHtml(res, page("Not found"), 404);
}

describe("the crawl budget against hostile sites", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer(serve);
  });
  afterAll(async () => {
    for (const res of hanging) res.destroy();
    await server.close();
  });

  const crawler = () => new BuiltinCrawler({ demoRoute: { origin: server.origin }, pageTimeoutMs: 1_000 });
  const requestsTo = (host: string, since: number) => server.requests.slice(since).filter((r) => r.host.replace(/:\d+$/, "") === host);

  it("reads at most maxSitemapFiles of a 50,000 × 50,000 fan-out with hanging children and keeps at most maxCandidateUrls", async () => {
    const before = server.requests.length;
    const budget = new CrawlBudget({ deadlineMs: 4_000, maxSitemapFiles: 5, maxCandidateUrls: 300 });
    const mapped = await crawler().mapUrls("https://fanout.example/", { budget });
    budget.dispose();
    const sitemapFetches = requestsTo("fanout.example", before).filter((r) => r.path.endsWith(".xml"));
    expect(sitemapFetches.length).toBeLessThanOrEqual(5);
    expect(mapped.length).toBeLessThanOrEqual(300);
    expect(mapped[0]).toMatchObject({ url: "https://fanout.example/", source: "home" });
    expect(budget.exhausted).toBe(false);
  });

  it("fetches robots.txt for at most maxOrigins origins when thousands of them hang", async () => {
    const before = server.requests.length;
    const budget = new CrawlBudget({ deadlineMs: 5_000, maxOrigins: 3, robotsTimeoutMs: 300 });
    const mapped = await crawler().mapUrls("https://ports.example/", { budget });
    budget.dispose();
    const robotsFetches = requestsTo("ports.example", before).filter((r) => r.path === "/robots.txt");
    expect(robotsFetches.length).toBeLessThanOrEqual(3);
    // Pages on origins whose robots.txt could not be read (or was never asked) are left out.
    expect(mapped.map((m) => m.url).sort()).toEqual(["https://ports.example/", "https://ports.example/about"]);
  });

  it("ends every fetch at the deadline and reports the pages as budget failures", async () => {
    const budget = new CrawlBudget({ deadlineMs: 600 });
    const pages = await crawler().scrapePages(["https://tarpit.example/", "https://tarpit.example/a", "https://tarpit.example/b"], { budget });
    expect(pages).toHaveLength(3);
    for (const p of pages) {
      expect(p.failureKind).toBe("budget");
      expect(p.error).toMatch(/deadline of 600 ms/);
    }
  });

  it("fails mapping with BUDGET_EXCEEDED when the deadline passes before the site answers", async () => {
    const budget = new CrawlBudget({ deadlineMs: 400 });
    const error = await crawler()
      .mapUrls("https://tarpit.example/", { budget })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CrawlError);
    expect(error).toMatchObject({ code: "BUDGET_EXCEEDED", kind: "budget" });
  });

  it("spaces fetches of one origin by its Crawl-delay, clamped by the budget", async () => {
    const budget = new CrawlBudget({ maxCrawlDelayMs: 250 });
    const c = crawler();
    const urls = ["https://polite.example/a", "https://polite.example/b", "https://polite.example/c"];
    const started = performance.now();
    const pages = await c.scrapePages(urls, { budget });
    budget.dispose();
    expect(pages.every((p) => p.statusCode === 200)).toBe(true);
    // Three pages at least 250 ms apart take at least 500 ms (a lower bound, not a timing assert on speed).
    expect(performance.now() - started).toBeGreaterThanOrEqual(480);
  });
});
