import { describe, expect, it } from "vitest";
import { decodeCloudflareEmail, emailsFromMailto, extractEmails, extractEmailsFromText, normaliseEmail, pickBestEmail } from "../../../lib/audit/emails";

/** Cloudflare's email obfuscation: key byte, then every UTF-8 byte XOR key, hex-encoded. */
function cloudflareEncode(email: string, key: number): string {
  const hex = (n: number) => n.toString(16).padStart(2, "0");
  return hex(key) + [...Buffer.from(email, "utf8")].map((b) => hex(b ^ key)).join("");
}

describe("extractEmails", () => {
  it("decodes mailto: %40, drops ?subject= and lower-cases the domain", () => {
    expect(extractEmails('<a href="mailto:Sales%40Acme.com?subject=Hi">Email sales</a>')).toEqual(["Sales@acme.com"]);
    expect(emailsFromMailto("mailto:a@shop.example,b@shop.example?cc=c@shop.example")).toEqual(["a@shop.example", "b@shop.example"]);
  });

  it("reads &#64; and &#x40; entities in text", () => {
    expect(extractEmails("<p>Write: frontdesk&#64;harborviewdental.example or billing&#x40;harborviewdental.example</p>")).toEqual([
      "frontdesk@harborviewdental.example",
      "billing@harborviewdental.example",
    ]);
  });

  it("keeps an address split across inline tags together", () => {
    expect(extractEmails("<p>info<span>@</span>glowstudio.example</p>")).toEqual(["info@glowstudio.example"]);
  });

  it.each([
    ["bob [at] bobsplumbing [dot] example", "bob@bobsplumbing.example"],
    ["office (at) smiledental (dot) example", "office@smiledental.example"],
    ["jane.doe{at}lawfirm.example", "jane.doe@lawfirm.example"],
    ["reach us: info at northsideauto dot example", "info@northsideauto.example"],
    ["INFO [AT] Harborview [DOT] Example", "INFO@harborview.example"],
  ])("de-obfuscates %j", (text, expected) => {
    expect(extractEmailsFromText(text)).toEqual([expected]);
  });

  it("does not read ordinary English with 'at' as an address", () => {
    expect(extractEmailsFromText("Meet us at the harbor. Open at 9am. Located at Main St.")).toEqual([]);
  });

  it("reads JSON-LD email, with or without mailto:", () => {
    const html = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Dentist","name":"Harborview","email":"mailto:Info@HarborviewDental.example"}</script>`;
    expect(extractEmails(html)).toEqual(["Info@harborviewdental.example"]);
  });

  it("decodes Cloudflare data-cfemail and /cdn-cgi/l/email-protection links", () => {
    const attr = cloudflareEncode("appointments@harborviewdental.example", 0x5a);
    const href = cloudflareEncode("billing@harborviewdental.example", 0xc3);
    const html = `<p><a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="${attr}">[email&#160;protected]</a></p>
      <p><a href="/cdn-cgi/l/email-protection#${href}"><span>[email&#160;protected]</span></a></p>`;
    expect(extractEmails(html, "https://www.harborviewdental.example/contact")).toEqual(["billing@harborviewdental.example", "appointments@harborviewdental.example"]);
    expect(decodeCloudflareEmail("zz")).toBeUndefined();
  });

  it("rejects image names, Sentry DSNs and placeholders, but keeps .example businesses", () => {
    const html = `<img src="img/logo@2x.png"><p>img/logo@2x.png hero@3x.webp</p>
      <script>Sentry.init({dsn:"https://605a7baede844d278b89dc95ae0a9123@o450123.ingest.sentry.io/5512345"})</script>
      <p>605a7baede844d278b89dc95ae0a9123@o450123.ingest.sentry.io</p>
      <p>Contact: your@email.com, email@domain.com, name@yourdomain.com, john@example.com, info@example.org</p>
      <p>Real: info@harborviewdental.example</p>`;
    expect(extractEmails(html)).toEqual(["info@harborviewdental.example"]);
  });

  it("dedupes case-insensitively, keeping the first spelling", () => {
    expect(extractEmails('<a href="mailto:Info@Shop.example">x</a><p>info@shop.example</p>')).toEqual(["Info@shop.example"]);
  });

  it.each([["logo@2x.png"], ["a@b"], ["user@localhost"], ["x@-bad-.com"], [".dot@shop.example"], ["your@email.com"]])("normaliseEmail rejects %j", (raw) => {
    expect(normaliseEmail(raw)).toBeUndefined();
  });
});

describe("pickBestEmail", () => {
  it("prefers the business's own domain over a free-mail address", () => {
    expect(pickBestEmail(["drsmith@gmail.com", "jane@harborviewdental.example"], "https://www.harborviewdental.example/")).toBe("jane@harborviewdental.example");
  });

  it("prefers info@/contact@/office@ over personal addresses on the same domain", () => {
    const emails = ["jane@harborviewdental.example", "office@harborviewdental.example", "contact@harborviewdental.example"];
    expect(pickBestEmail(emails, "harborviewdental.example")).toBe("contact@harborviewdental.example");
    expect(pickBestEmail([...emails, "info@harborviewdental.example"], "harborviewdental.example")).toBe("info@harborviewdental.example");
  });

  it("is deterministic whatever the input order, and ranks no-reply last", () => {
    const emails = ["noreply@shop.example", "zoe@shop.example", "adam@shop.example"];
    expect(pickBestEmail(emails, "shop.example")).toBe("adam@shop.example");
    expect(pickBestEmail([...emails].reverse(), "shop.example")).toBe("adam@shop.example");
  });

  it("returns undefined for no emails", () => {
    expect(pickBestEmail([], "shop.example")).toBeUndefined();
  });
});
