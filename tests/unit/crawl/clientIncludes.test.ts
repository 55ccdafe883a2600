/**
 * Client-side includes (a real clinic's site: header, footer and its Naver booking button are empty
 * `<div data-include-path="…">` placeholders a script fills): the crawler fetches the fragments and the
 * audit reads the page as a browser shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditPages } from "../../../lib/audit/heuristicAuditor";
import {
  appendScriptFragments,
  clientIncludeUrls,
  hasEmptyPagePart,
  inlineClientIncludes,
  MAX_CLIENT_INCLUDES,
  sameSiteScriptUrls,
  scriptFragmentUrls,
} from "../../../lib/crawl/clientIncludes";
import { BuiltinCrawler } from "../../../lib/providers/crawl/builtin";
import { sendHtml, startLocalServer, type LocalServer } from "./localServer";

const SITE = "https://www.aidendental.example";
const NOW = new Date("2026-12-01T00:00:00Z");

const HOME = `<!DOCTYPE html>
<html lang="ko">
<head>
  <title>강남에이든치과</title>
  <meta name="viewport" content="width=device-width, initial-scale=1.0" />
</head>
<body class="is-preload">
  <div data-include-path="header.html"></div>
  <div id="connecting">
    <div data-include-path="naver-booking.html"></div>
    <div data-include-path="kakao.html"></div>
  </div>
  <!-- <div data-include-path="old-banner.html"></div> -->
  <main><section id="address">서울 강남구 선릉로 578태정 빌딩 3F</section></main>
  <div data-include-path="footer.html"></div>
  <div data-include-path="https://cdn.elsewhere.example/widget.html"></div>
  <script src="assets/js/menu.js"></script>
</body>
</html>`;

const FRAGMENTS: Record<string, string> = {
  "/header.html": `<div id="my-header"><a href=" index.html"><img src="images/logo.svg"></a><ul><li><a href="implant.html">임플란트</a></li></ul></div>`,
  "/naver-booking.html": `<a href="https://booking.naver.com/booking/13/bizes/555718" style=" z-index: 10; " target="_blank">
    <img src="images/connecting/naver.png" alt="네이버 예약">`,
  "/footer.html": `<footer id="footer"><p>강남에이든치과의원</p><p>문의전화 : 02-539-2112</p></footer>`,
};

describe("client-side includes in a page's HTML", () => {
  const url = `${SITE}/`;

  it("lists the same-site fragments a script loads, once each, never from comments or other sites", () => {
    expect(clientIncludeUrls(HOME, url)).toEqual([`${SITE}/header.html`, `${SITE}/naver-booking.html`, `${SITE}/kakao.html`, `${SITE}/footer.html`]);
    expect(clientIncludeUrls(`<div w3-include-html="/parts/nav.html"></div><p include-html='menu.htm'></p>`, `${SITE}/about/`)).toEqual([
      `${SITE}/parts/nav.html`,
      `${SITE}/about/menu.htm`,
    ]);
    expect(clientIncludeUrls(`<div data-include-path="javascript:alert(1)"></div><div data-include-path="#x"></div>`, url)).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `<div data-include-path="part-${i}.html"></div>`).join("");
    expect(clientIncludeUrls(many, url)).toHaveLength(MAX_CLIENT_INCLUDES);
  });

  it("splices each fetched fragment into its placeholder and keeps the rest of the page byte for byte", () => {
    const fragments = new Map([[`${SITE}/footer.html`, FRAGMENTS["/footer.html"]]]);
    const html = inlineClientIncludes(HOME, url, fragments);
    expect(html).toContain(`<div data-include-path="footer.html">${FRAGMENTS["/footer.html"]}</div>`);
    expect(html.replace(FRAGMENTS["/footer.html"], "")).toBe(HOME);
    expect(inlineClientIncludes(HOME, url, new Map())).toBe(HOME);
  });

  it("the audit of the spliced page finds the booking link and the call to action a visitor sees", () => {
    const fragments = new Map(Object.entries(FRAGMENTS).map(([path, body]) => [`${SITE}${path}`, body]));
    const page = (html: string) => ({ url, finalUrl: url, statusCode: 200, html, markdown: "", bytes: html.length, elapsedMs: 0, truncated: false });
    const input = (html: string) => ({
      lead: { name: "Aiden Dental", website: url, targetVertical: "dentist", targetGeography: "Seoul", signals: ["NEEDS_WEB_AUDIT" as const] },
      agency: { name: "Agency", leadQualificationCriteria: [], approvedClaims: [] },
      pages: [page(html)],
    });
    const raw = auditPages(input(HOME), NOW).findings.map((f) => f.signal);
    expect(raw).toEqual(expect.arrayContaining(["NO_CALL_TO_ACTION", "NO_ONLINE_BOOKING"]));
    const spliced = auditPages(input(inlineClientIncludes(HOME, url, fragments)), NOW).findings.map((f) => f.signal);
    expect(spliced).not.toContain("NO_CALL_TO_ACTION");
    expect(spliced).not.toContain("NO_ONLINE_BOOKING");
  });
});

describe("BuiltinCrawler fetches a page's client-side includes", () => {
  let server: LocalServer;
  let crawler: BuiltinCrawler;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const path = req.path.split("?")[0];
      if (path === "/robots.txt") {
        res.writeHead(200, { "content-type": "text/plain" });
        return res.end("User-agent: *\nDisallow: /kakao.html\n");
      }
      if (path === "/") return sendHtml(res, HOME);
      if (FRAGMENTS[path]) return sendHtml(res, FRAGMENTS[path]);
      sendHtml(res, "<h1>404</h1>", 404);
    });
    crawler = new BuiltinCrawler({ demoRoute: { origin: server.origin }, pageTimeoutMs: 3_000 });
  });
  afterAll(() => server.close());

  it("splices the fragments in, skips the robots-disallowed one and the other site's, and keeps the page's own facts", async () => {
    const [page] = await crawler.scrapePages([`${SITE}/`]);
    expect(page.error).toBeUndefined();
    expect(page.html).toContain('href="https://booking.naver.com/booking/13/bizes/555718"');
    expect(page.html).toContain("02-539-2112");
    expect(page.markdown).toContain("02-539-2112");
    expect(page.title).toBe("강남에이든치과");
    const paths = server.requests.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(["/", "/header.html", "/naver-booking.html", "/footer.html"]));
    expect(paths).not.toContain("/kakao.html");
    expect(paths).not.toContain("/old-banner.html");
    expect(server.requests.every((r) => r.host === "www.aidendental.example")).toBe(true);
  });
});

/** A Paris restaurant's pages: empty <header>/<footer> that a (minified) script fills with fetch(). */
const BISTRO = "https://www.lejardin.example";
const BISTRO_HOME = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Restaurant Chinois Le Jardin -</title></head><body><header class="page-header"></header><main><h1 class="brand-title">Restaurant Chinois Le Jardin</h1><a class="btn" href="food.html">Voir la carte</a></main><footer class="page-footer"></footer><script src="js/lazysizes.min.js" async=""></script><script src="js/render-header-footer.js"></script><script src="https://code.jquery.com/jquery-3.3.1.min.js"></script></body></html>`;
const RENDER_HEADER_FOOTER = `document.addEventListener("DOMContentLoaded",()=>{var e=(t,l,r)=>{fetch(t).then(e=>{if(e.ok)return e.text();throw new Error("Failed to load "+t)}).then(e=>{var t=document.querySelector(l);t&&(t.innerHTML=e,r)&&r()})};e("components/header.html","header.page-header",()=>{let r={Menu:["food.html","entrees.html","desserts.html"]}}),e("components/footer.html","footer.page-footer")});`;
const BISTRO_FRAGMENTS: Record<string, string> = {
  "/components/header.html": `<nav><a href="index.html">Accueil</a><a href="mailto: restaurantchinoislejardin@gmail.com"><i class="fa fa-envelope"></i></a></nav>`,
  "/components/footer.html": `<div class="footer-bottom"><p>Restaurant Chinois Le Jardin 4 rue Meslay 75003 Paris</p><p>T : (+33) 01 48 87 89 71 E : restaurantchinoislejardin@gmail.com</p><p>&copy; 2019 Marios Sofokleous (PictureElement).</p></div>`,
};

describe("fragments a page's own scripts fetch into it", () => {
  const url = `${BISTRO}/`;

  it("finds fetch(), .load() and helper calls with a selector, not a list of page names", () => {
    expect(scriptFragmentUrls(BISTRO_HOME, url, [RENDER_HEADER_FOOTER])).toEqual([`${BISTRO}/components/header.html`, `${BISTRO}/components/footer.html`]);
    expect(
      scriptFragmentUrls(
        `<script>$("#nav").load("nav.html"); fetch("/parts/footer.html"); var pages = ["menu.html", "about.html"];</script>`,
        `${BISTRO}/about/`,
      ),
    ).toEqual([`${BISTRO}/about/nav.html`, `${BISTRO}/parts/footer.html`]);
    expect(scriptFragmentUrls(`<script>fetch("https://cdn.other.example/footer.html")</script>`, url)).toEqual([]);
    expect(sameSiteScriptUrls(BISTRO_HOME, url)).toEqual([`${BISTRO}/js/lazysizes.min.js`, `${BISTRO}/js/render-header-footer.js`]);
  });

  it("reads a page's scripts only when it has an empty header, footer or menu", () => {
    expect(hasEmptyPagePart(BISTRO_HOME)).toBe(true);
    expect(hasEmptyPagePart(`<div id="footer"> </div>`)).toBe(true);
    expect(hasEmptyPagePart(`<div class="main page-header"></div>`)).toBe(true);
    expect(hasEmptyPagePart(`<header><a href="/">Home</a></header><footer>© 2026 Acme</footer>`)).toBe(false);
    expect(hasEmptyPagePart(`<div class="header-cta"> </div>`)).toBe(false);
  });

  it("adds the fetched fragments at the end of the body, the rest of the page unchanged", () => {
    const fragments = new Map(Object.entries(BISTRO_FRAGMENTS).map(([path, body]) => [`${BISTRO}${path}`, body]));
    const html = appendScriptFragments(BISTRO_HOME, [...fragments.keys()], fragments);
    expect(html.endsWith(`${BISTRO_FRAGMENTS["/components/footer.html"]}</body></html>`)).toBe(true);
    expect(html.replace(`${BISTRO_FRAGMENTS["/components/header.html"]}\n${BISTRO_FRAGMENTS["/components/footer.html"]}`, "")).toBe(BISTRO_HOME);
  });
});

describe("BuiltinCrawler reads the scripts of a page with empty parts and adds the fragments they fetch", () => {
  let server: LocalServer;
  let crawler: BuiltinCrawler;

  beforeAll(async () => {
    server = await startLocalServer((req, res) => {
      const path = req.path.split("?")[0];
      if (path === "/robots.txt") {
        res.writeHead(404);
        return res.end();
      }
      if (path === "/") return sendHtml(res, BISTRO_HOME);
      if (path === "/js/render-header-footer.js" || path === "/js/lazysizes.min.js") {
        res.writeHead(200, { "content-type": "application/javascript; charset=utf-8" });
        return res.end(path.endsWith("render-header-footer.js") ? RENDER_HEADER_FOOTER : "/* lazysizes */");
      }
      if (BISTRO_FRAGMENTS[path]) return sendHtml(res, BISTRO_FRAGMENTS[path]);
      sendHtml(res, "<h1>404</h1>", 404);
    });
    crawler = new BuiltinCrawler({ demoRoute: { origin: server.origin }, pageTimeoutMs: 3_000 });
  });
  afterAll(() => server.close());

  it("the audit then finds the address and the footer's copyright a visitor sees", async () => {
    const [page] = await crawler.scrapePages([`${BISTRO}/`]);
    expect(page.html).toContain("restaurantchinoislejardin@gmail.com");
    expect(server.requests.map((r) => r.path)).not.toContain("/food.html");
    const audit = auditPages(
      {
        lead: { name: "Le Jardin", website: `${BISTRO}/`, targetVertical: "restaurant", targetGeography: "Paris", signals: ["NEEDS_WEB_AUDIT" as const] },
        agency: { name: "Agency", leadQualificationCriteria: [], approvedClaims: [] },
        pages: [page],
      },
      NOW,
    );
    expect(audit.email).toBe("restaurantchinoislejardin@gmail.com");
    expect(audit.findings.find((f) => f.signal === "OUTDATED_WEBSITE")?.evidence).toBe("© 2019 Marios Sofokleous (PictureElement).");
  });
});
