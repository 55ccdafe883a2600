import { describe, expect, it } from "vitest";
import {
  decodeCloudflareEmail,
  emailsFromMailto,
  extractEmails,
  extractEmailsFromText,
  isPlaceholderPhone,
  normaliseEmail,
  pickBestEmail,
} from "../../../lib/audit/emails";

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
    expect(extractEmails(html, "https://www.harborviewdental.example/contact")).toEqual([
      "billing@harborviewdental.example",
      "appointments@harborviewdental.example",
    ]);
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
    expect(pickBestEmail(["drsmith@gmail.com", "jane@harborviewdental.example"], "https://www.harborviewdental.example/")).toBe(
      "jane@harborviewdental.example",
    );
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

describe("sample, credit and code-sample addresses are not the business's (by where they sit)", () => {
  const at = "https://www.harborviewdental.example/contact";

  it("drops the addresses of a template contact block whose phone is a placeholder", () => {
    // Shape of a restaurant template's footer: the sample phone sits in a sibling <li> of the same list.
    const html = `<section id="footer"><h3>CONTACT INFO</h3><ul>
      <li><h4><i class="fa fa-phone"></i>Telefone</h4><p>(000) 123 456 78- (000) 123 4567 89</p></li>
      <li><h4>Address</h4><p>2046 Blue Spruce Lane Laurel Canada</p></li>
      <li><h4><i class="fa fa-envelope"></i>E mail</h4><p>rest@gmail.com - rest@mail.ru</p></li></ul></section>`;
    expect(extractEmails(html, at)).toEqual([]);
  });

  it.each([
    ['<p>Call (123) 456-7890 or write <a href="mailto:hello@bistro.com">hello@bistro.com</a></p>'],
    ['<div class="contact"><span>Phone: +1 555 555 5555</span>\n<span>contact@company-name.net</span></div>'],
    ["<address>Tel: (xxx) xxx-xxxx<br>Email: bookings@thesalon.co</address>"],
    ["<div><p>Lorem ipsum dolor sit amet, consectetur.</p><p>owner@shopdemo.com</p></div>"],
  ])("drops a sample address: %s", (html) => {
    expect(extractEmails(html, at)).toEqual([]);
  });

  it("keeps a real address beside a real phone number, even in a big footer", () => {
    const html = `<footer><ul><li>Phone: <a href="tel:+12065550143">(206) 615-8935</a></li><li>Email: <a href="mailto:frontdesk@harborviewdental.example">frontdesk@harborviewdental.example</a></li>
      <li>Open Mon-Fri 8:00 - 17:00, Sat 9:00 - 13:00</li></ul>
      <p>&copy; 2026 Harborview Dental. Website by <a href="https://pixelagency.example">Pixel Agency</a></p></footer>`;
    expect(extractEmails(html, at)).toEqual(["frontdesk@harborviewdental.example"]);
  });

  it("drops an agency address in the designer credit line, keeps the business's free-mail address in its own sentence", () => {
    const credit = `<footer><p>&copy; 2019 Joe's Plumbing. Site designed by Acme Web Studio - hello@acmewebstudio.co</p><p>Email us: joesplumbing@gmail.com</p></footer>`;
    expect(extractEmails(credit, "https://www.joesplumbing.com/")).toEqual(["joesplumbing@gmail.com"]);
    const ownSentence = `<p>&copy; 2019 Joe's Plumbing. Website by Acme. joesplumbing@gmail.com</p>`;
    expect(extractEmails(ownSentence, "https://www.joesplumbing.com/")).toEqual(["joesplumbing@gmail.com"]);
  });

  it("keeps the business's own-domain address even on a credit line", () => {
    const html = `<p>Website built by our own team - questions to webmaster@joesplumbing.com</p>`;
    expect(extractEmails(html, "https://www.joesplumbing.com/")).toEqual(["webmaster@joesplumbing.com"]);
  });

  it("drops addresses in code samples (a setup snippet on the page, an editable textarea)", () => {
    const html = `<pre><code>git config user.email "dev@builder.io"</code></pre><p>Replace <code>you@yourshop.com</code>:</p>
      <textarea>Dear team, reach me at buyer@company.org</textarea><p>Real: office@harborviewdental.example</p>`;
    expect(extractEmails(html, at)).toEqual(["office@harborviewdental.example"]);
  });

  it("a sample address is dropped everywhere on the page (its mailto link too)", () => {
    const html = `<div><p>Tel: 000-000-0000</p><p>sales@shop.co</p></div><a href="mailto:sales@shop.co">Email</a>`;
    expect(extractEmails(html, at)).toEqual([]);
  });

  it.each([
    ["(000) 123 456 78", true],
    ["123-456-7890", true],
    ["+1 (555) 555-5555", true],
    ["(xxx) xxx-xxxx", true],
    ["0123 456 789", true],
    ["+1 (206) 615-8935", false],
    ["(423)239-0174", false],
    ["+44 20 7946 0958", false],
    ["2014 - 2019", false],
  ])("isPlaceholderPhone(%j) = %s", (phone, expected) => {
    expect(isPlaceholderPhone(phone)).toBe(expected);
  });
});

describe("a web designer's mailto in the footer credit", () => {
  it("drops the agency's mailto on a 'Designed by' line; keeps the business's own mailto in the same footer", () => {
    const html = `<footer><p>&copy; 2018 Joe's Plumbing | Website designed by <a href="mailto:studio@pixelworks.co">Pixelworks</a></p>
      <p>Questions? <a href="mailto:joe@joesplumbing.com">Email Joe</a></p></footer>`;
    expect(extractEmails(html, "https://www.joesplumbing.com/")).toEqual(["joe@joesplumbing.com"]);
  });

  it("keeps the business's free-mail mailto that comes before a builder credit on the same line", () => {
    const html = `<footer><p><a href="mailto:joesplumbing@gmail.com">Email us</a> | Powered by Squarespace</p></footer>`;
    expect(extractEmails(html, "https://www.joesplumbing.com/")).toEqual(["joesplumbing@gmail.com"]);
  });
});
