import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRobotsPolicy, parseRobotsTxt } from "../../../lib/crawl/robots";
import { startLocalServer, type LocalServer } from "./localServer";

// A realistic WordPress-style file with a group for us, a wildcard group and sitemaps.
const ROBOTS_TXT = `# robots.txt for harborviewdental.example
User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
Disallow: /patient-portal/
Disallow: /*?replytocom=

User-agent: AtlasOutboundBot
Disallow: /staff-only/
Allow: /

Sitemap: https://www.harborviewdental.example/sitemap_index.xml
Sitemap: /relative-sitemap.xml
`;

describe("parseRobotsTxt", () => {
  const policy = parseRobotsTxt("https://www.harborviewdental.example/robots.txt", ROBOTS_TXT);

  it("applies the group naming our bot, not the wildcard group", () => {
    expect(policy.isAllowed("https://www.harborviewdental.example/staff-only/rota")).toBe(false);
    expect(policy.isAllowed("https://www.harborviewdental.example/patient-portal/")).toBe(true);
    expect(policy.isAllowed("https://www.harborviewdental.example/services/implants")).toBe(true);
  });

  it("lists Sitemap lines as absolute URLs", () => {
    expect(policy.sitemaps).toEqual(["https://www.harborviewdental.example/sitemap_index.xml", "https://www.harborviewdental.example/relative-sitemap.xml"]);
  });

  it("uses wildcard rules when no group names our bot", () => {
    const generic = parseRobotsTxt("https://shop.example/robots.txt", "User-agent: *\nDisallow: /checkout\nDisallow: /*.pdf$\n");
    expect(generic.isAllowed("https://shop.example/checkout/step-1")).toBe(false);
    expect(generic.isAllowed("https://shop.example/menu.pdf")).toBe(false);
    expect(generic.isAllowed("https://shop.example/menu")).toBe(true);
  });
});

describe("fetchRobotsPolicy (RFC 9309 status handling)", () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      switch (req.host) {
        case "rules.example":
          res.writeHead(200, { "content-type": "text/plain" });
          res.end("User-agent: *\nDisallow: /private\nSitemap: https://rules.example/sitemap.xml\n");
          return;
        case "missing.example":
          res.writeHead(404, { "content-type": "text/html" });
          res.end("<h1>Not found</h1>");
          return;
        case "broken.example":
          res.writeHead(500, { "content-type": "text/html" });
          res.end("<h1>Internal Server Error</h1>");
          return;
        case "throttled.example":
          res.writeHead(429);
          res.end();
          return;
        case "huge.example": {
          res.writeHead(200, { "content-type": "text/plain" });
          // 600 KiB of comments, then a rule past the 500 KiB cap.
          res.end(`User-agent: *\nDisallow: /early\n${"# padding line\n".repeat(44_000)}Disallow: /late\n`);
          return;
        }
        default:
          res.writeHead(404);
          res.end();
      }
    });
  });
  afterAll(() => server.close());
  const fetchOptions = () => ({ demoRoute: { origin: server.origin } });

  it("parses a served robots.txt, rules and sitemaps", async () => {
    const policy = await fetchRobotsPolicy("https://rules.example/about", fetchOptions());
    expect(policy.rule).toBe("parsed");
    expect(policy.isAllowed("https://rules.example/private/x")).toBe(false);
    expect(policy.isAllowed("https://rules.example/about")).toBe(true);
    expect(policy.sitemaps).toEqual(["https://rules.example/sitemap.xml"]);
    expect(server.requests.at(-1)!.path).toBe("/robots.txt");
  });

  it("allows everything when robots.txt is 404", async () => {
    const policy = await fetchRobotsPolicy("https://missing.example/", fetchOptions());
    expect(policy.rule).toBe("allow-all");
    expect(policy.statusCode).toBe(404);
    expect(policy.isAllowed("https://missing.example/anything")).toBe(true);
  });

  it("disallows everything when robots.txt is 500", async () => {
    const policy = await fetchRobotsPolicy("https://broken.example/", fetchOptions());
    expect(policy.rule).toBe("disallow-all");
    expect(policy.isAllowed("https://broken.example/")).toBe(false);
    expect(policy.isAllowed("https://broken.example/contact")).toBe(false);
  });

  it("treats 429 like a server error (disallow all)", async () => {
    expect((await fetchRobotsPolicy("https://throttled.example/", fetchOptions())).rule).toBe("disallow-all");
  });

  it("disallows everything when robots.txt is unreachable", async () => {
    const policy = await fetchRobotsPolicy("https://unreachable.example/", { demoRoute: { origin: "http://127.0.0.1:1" } });
    expect(policy.rule).toBe("disallow-all");
  });

  it("reads only the first 500 KiB", async () => {
    const policy = await fetchRobotsPolicy("https://huge.example/", fetchOptions());
    expect(policy.isAllowed("https://huge.example/early")).toBe(false);
    expect(policy.isAllowed("https://huge.example/late")).toBe(true);
  });
});
