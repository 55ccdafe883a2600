import type { EMAIL_CONFIDENCES, EmailMethod } from "../../lib/audit/emails";

/** How the report and the CSV say where a contact email came from (lib/audit/emails.ts methods and confidences). */
export type EmailConfidence = (typeof EMAIL_CONFIDENCES)[number];

export const EMAIL_METHOD_LABELS: Record<EmailMethod, string> = {
  mailto: "a mailto link",
  text: "the page text",
  entities: "HTML-entity-encoded text",
  obfuscated: 'an obfuscated "name [at] domain" text',
  cloudflare: "Cloudflare email protection (decoded)",
  "json-ld": "structured data (JSON-LD)",
};

export const EMAIL_CONFIDENCE_LABELS: Record<EmailConfidence, string> = {
  high: "on the business's own domain",
  medium: "another domain",
  low: "free-mail address",
};

/** "found in a mailto link on https://x.example/contact (on the business's own domain)" */
export function describeEmailSource(source: { pageUrl: string; method: EmailMethod; confidence: EmailConfidence }): string {
  return `found in ${EMAIL_METHOD_LABELS[source.method]} on ${source.pageUrl} (${EMAIL_CONFIDENCE_LABELS[source.confidence]})`;
}
