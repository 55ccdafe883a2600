import type { AuditCheck } from "../auditedSite";

export const checkContactEmail: AuditCheck = ({ home, pages, emails }) => {
  if (emails.length > 0) return null;
  const audited = pages.length === 1 ? "the home page" : `any of the ${pages.length} pages crawled`;
  return { signal: "NO_CONTACT_EMAIL", detail: `No contact email address found on ${audited} (mailto links, text, structured data or protected addresses).`, source_url: home.url };
};
