import { describe, expect, it } from "vitest";
import { capUtf8, htmlToMarkdown } from "../../../lib/crawl/markdown";

describe("htmlToMarkdown", () => {
  it("converts content, drops scripts/styles/head, and extracts the title", () => {
    const html = `<!doctype html><html><head><title>  Rose &amp; Thorn
      Florist </title><style>.hero{color:red}</style><script>gtag('config','G-123')</script>
      <meta name="description" content="Flowers"></head>
      <body><nav><a href="/contact">Contact</a></nav><h1>Fresh flowers daily</h1>
      <p>Call <a href="tel:+15035550199">503-555-0199</a> or <strong>order online</strong>.</p>
      <script type="application/ld+json">{"@type":"Florist"}</script>
      <ul><li>Weddings</li><li>Funerals</li></ul><noscript><img src="pixel.gif"></noscript></body></html>`;
    const { markdown, title, truncated } = htmlToMarkdown(html);
    expect(title).toBe("Rose & Thorn Florist");
    expect(truncated).toBe(false);
    expect(markdown).toContain("# Fresh flowers daily");
    expect(markdown).toContain("[503-555-0199](tel:+15035550199)");
    expect(markdown).toContain("**order online**");
    expect(markdown).toMatch(/\* Weddings/);
    expect(markdown).not.toMatch(/gtag|color:red|Florist"|pixel\.gif/);
  });

  it("caps Markdown at 100 KB", () => {
    const html = `<body>${"<p>Emergency plumbing service available 24/7 in Portland — call now!</p>".repeat(3000)}</body>`;
    const { markdown, truncated } = htmlToMarkdown(html);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(100 * 1024);
    expect(markdown).not.toContain("\uFFFD");
  });

  // Regression: node-html-markdown rescans its output on every append, so a 2 MB page in one
  // translate() call took minutes and stalled the crawl; pages are now converted in pieces.
  it("converts a 2 MB page wrapped in one div, keeping its start and marking it truncated", () => {
    const paragraph = "<p>Same-day crown appointments for the whole family.</p>\n";
    const html = `<html><body><div id="page"><h1>Welcome</h1>${paragraph.repeat(40_000)}</div></body></html>`;
    const { markdown, truncated } = htmlToMarkdown(html);
    expect(markdown.startsWith("# Welcome")).toBe(true);
    expect(truncated).toBe(true);
    expect(Buffer.byteLength(markdown)).toBeLessThanOrEqual(100 * 1024);
  });

  it("keeps a list that straddles a piece boundary as one list", () => {
    const filler = "<p>filler text for the page</p>".repeat(1500);
    const html = `<body>${filler}<ul>${"<li>Root canal</li>".repeat(3000)}</ul><p>After list</p></body>`;
    const { markdown } = htmlToMarkdown(html);
    expect(markdown).not.toMatch(/\nRoot canal/);
    expect(markdown.match(/\* Root canal/g)?.length).toBe(3000);
    expect(markdown).toContain("After list");
  });

  it("gives no title for pages without one", () => {
    expect(htmlToMarkdown("<p>hello</p>").title).toBeUndefined();
  });
});

describe("capUtf8", () => {
  it("never splits a multi-byte character", () => {
    const capped = capUtf8("café—ñ", 4); // é is two bytes
    expect(capped).toEqual({ text: "caf", truncated: true });
  });
});
