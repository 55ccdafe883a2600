import type { AuditCheck } from "../auditedSite";
import { attr } from "../parsedPage";

export const checkContactEmail: AuditCheck = ({ home, pages, emails }) => {
  if (emails.length > 0) return null;
  const audited = pages.length === 1 ? "the home page" : `any of the ${pages.length} pages crawled`;
  // Say what was there when the only addresses were placeholders ("name@example.com"), not that nothing was.
  const mailto = pages.flatMap((p) => p.links.map((l) => ({ page: p, raw: (attr(l.element, "href") ?? "").trim() }))).find((l) => /^mailto:/i.test(l.raw));
  if (mailto) {
    return {
      signal: "NO_CONTACT_EMAIL",
      detail: `No real contact email on ${audited}: the only address links (such as "${mailto.raw}") are template placeholders, documentation or web-agency addresses.`,
      source_url: mailto.page.url,
      evidence: mailto.raw,
    };
  }
  return {
    signal: "NO_CONTACT_EMAIL",
    detail: `No contact email address found on ${audited} (mailto links, text, structured data or protected addresses).`,
    source_url: home.url,
  };
};
