import { mailtoHref } from "./evidence";

/**
 * A `mailto:` link opening the draft in the user's mail client: to the lead's
 * address when it is a plausible one, else with no recipient. Subject and
 * body are percent-encoded (RFC 6068: spaces as %20, line breaks as %0D%0A).
 */
export function outreachMailto(email: string | undefined, subject: string, body: string): string {
  const to = email ? (mailtoHref(email) ?? "mailto:") : "mailto:";
  const encode = (text: string) => encodeURIComponent(text.replace(/\r?\n/g, "\r\n"));
  return `${to}?subject=${encode(subject)}&body=${encode(body)}`;
}
