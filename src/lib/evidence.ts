/** How a dossier gap's evidence and lead links are shown: only http(s) URLs become links. */

export type Evidence = { kind: "url"; href: string } | { kind: "places"; field: string } | { kind: "text"; text: string } | { kind: "none" };

/** The URL when it is an absolute http(s) URL, else undefined (never a javascript: or data: link). */
export function safeHttpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function describeEvidence(sourceUrl: string | undefined): Evidence {
  const value = sourceUrl?.trim();
  if (!value) return { kind: "none" };
  if (value.startsWith("places:")) return { kind: "places", field: value.slice("places:".length) || "places" };
  const href = safeHttpUrl(value);
  return href ? { kind: "url", href } : { kind: "text", text: value };
}

/** `tel:` href for a phone number, keeping only digits and a leading +. */
export function telHref(phone: string): string {
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[^\d]/g, "");
  return `tel:${trimmed.startsWith("+") ? "+" : ""}${digits}`;
}

/** `mailto:` href, or undefined when the text is not a plausible single address. */
export function mailtoHref(email: string): string | undefined {
  const trimmed = email.trim();
  return /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/.test(trimmed) ? `mailto:${trimmed}` : undefined;
}
