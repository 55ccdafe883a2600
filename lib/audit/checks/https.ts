import type { AuditCheck } from "../auditedSite";

/** NO_SSL: the site itself is served over plain HTTP. http:// files on an https page are MIXED_CONTENT (mixedContent.ts). */
export const checkHttps: AuditCheck = ({ home }) => {
  if (home.url.toLowerCase().startsWith("http://") && !home.page.redirectedToHttps) {
    return { signal: "NO_SSL", detail: `Website is served over plain HTTP (${home.url}) with no redirect to HTTPS.`, source_url: home.url, evidence: home.url };
  }
  return null;
};
