import { Parser } from "htmlparser2";
import { NodeHtmlMarkdown } from "node-html-markdown";

/** crawl_pages.markdown is capped so a stored page stays far below Convex's 1 MiB document limit. */
export const MAX_MARKDOWN_BYTES = 100 * 1024;

// One instance: building the translator tables is the expensive part.
const converter = new NodeHtmlMarkdown({
  ignore: ["script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "head"],
  maxConsecutiveNewlines: 2,
});

export interface PageMarkdown {
  markdown: string;
  title?: string;
  /** The Markdown was cut at MAX_MARKDOWN_BYTES. */
  truncated: boolean;
}

/** The first <title> text, whitespace collapsed; undefined when missing or blank. */
export function extractTitle(html: string): string | undefined {
  let inTitle = false;
  let done = false;
  let text = "";
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "title" && !done) inTitle = true;
      },
      ontext(data) {
        if (inTitle) text += data;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          done = true;
          parser.pause();
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const title = text.replace(/\s+/g, " ").trim();
  return title || undefined;
}

/** Cuts a string to at most maxBytes of UTF-8 without splitting a character. */
export function capUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return { text, truncated: false };
  const cut = Buffer.from(text, "utf8").subarray(0, maxBytes).toString("utf8");
  return { text: cut.replace(/\uFFFD+$/, ""), truncated: true };
}

// Where a page may be cut for conversion: after a block closes, outside structures whose
// Markdown depends on their parent (lists, tables, pre, links, quotes).
const CUT_AFTER = new Set([
  "p",
  "div",
  "section",
  "article",
  "header",
  "footer",
  "main",
  "nav",
  "aside",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "ul",
  "ol",
  "table",
  "pre",
  "blockquote",
  "dl",
  "form",
  "figure",
]);
const KEEP_WHOLE = new Set(["ul", "ol", "table", "pre", "a", "blockquote", "dl", "code"]);
const CHUNK_CHARS = 32 * 1024;
// A piece that cannot be split (one giant list or table) is cut here to bound conversion time.
const MAX_PIECE_CHARS = 96 * 1024;

/**
 * Splits HTML into pieces of roughly CHUNK_CHARS at block boundaries. node-html-markdown
 * rescans its whole output on every append, so one big page converts in quadratic time
 * (a 2 MB page took minutes); converting pieces keeps it linear.
 */
export function splitHtmlAtBlocks(html: string, chunkChars = CHUNK_CHARS): string[] {
  if (html.length <= chunkChars) return [html];
  const cuts: number[] = [];
  let last = 0;
  let kept = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (KEEP_WHOLE.has(name)) kept++;
      },
      onclosetag(name, isImplied) {
        if (KEEP_WHOLE.has(name)) kept = Math.max(0, kept - 1);
        if (kept === 0 && !isImplied && CUT_AFTER.has(name) && parser.endIndex + 1 - last >= chunkChars) {
          last = parser.endIndex + 1;
          cuts.push(last);
        }
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
  const pieces: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    pieces.push(html.slice(start, cut));
    start = cut;
  }
  pieces.push(html.slice(start));
  return pieces.filter((piece) => piece.trim() !== "");
}

/** HTML → Markdown (scripts, styles and the <head> dropped), capped, with the page title. */
export function htmlToMarkdown(html: string, maxBytes = MAX_MARKDOWN_BYTES): PageMarkdown {
  const title = extractTitle(html);
  const parts: string[] = [];
  let size = 0;
  let cutPiece = false;
  for (const piece of splitHtmlAtBlocks(html)) {
    if (piece.length > MAX_PIECE_CHARS) cutPiece = true;
    let part = "";
    try {
      part = converter.translate(piece.slice(0, MAX_PIECE_CHARS)).trim();
    } catch {
      part = "";
    }
    if (!part) continue;
    parts.push(part);
    size += Buffer.byteLength(part, "utf8") + 2;
    if (size > maxBytes) break;
  }
  const capped = capUtf8(parts.join("\n\n"), maxBytes);
  return { markdown: capped.text, title, truncated: capped.truncated || cutPiece };
}
