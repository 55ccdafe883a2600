import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { isBookingProviderUrl } from "../bookingProviders";
import { type ParsedPage, attr, elementText, elementsOf } from "../parsedPage";

/** Button or link wording that asks the visitor to act. A bare "Contact" menu item does not count. */
export const CTA_WORDING =
  /\b(call(?: us| now| today)?|book(?:ing)?(?: now| online| an? \w+)?|schedule|get (?:a |your )?(?:free )?(?:quote|estimate|started)|request (?:an? |your )?(?:appointment|quote|estimate|consultation|callback|service)|contact us|get in touch|make an appointment|reserve|order online|free (?:quote|estimate|consultation))\b/i;

const SEARCH_OR_NEWSLETTER = /\b(search|newsletter|subscribe|mailchimp|mc-embedded|mc4wp)\b/i;

function hasTelLink(parsed: ParsedPage): boolean {
  return parsed.links.some((l) => /^tel:/i.test(attr(l.element, "href")?.trim() ?? ""));
}

/** A form a visitor can use to reach the business (not a site search or newsletter signup). */
export function contactForm(parsed: ParsedPage): Element | undefined {
  return elementsOf(parsed, "form").find((form) => {
    const descriptor = [attr(form, "role"), attr(form, "id"), attr(form, "class"), attr(form, "action"), attr(form, "name")].join(" ");
    if (SEARCH_OR_NEWSLETTER.test(descriptor)) return false;
    const fields = [...elementsOf(parsed, "input"), ...elementsOf(parsed, "textarea"), ...elementsOf(parsed, "select")].filter((field) => isInside(field, form));
    const visible = fields.filter((f) => !/^(hidden|submit|button|search)$/i.test(attr(f, "type") ?? ""));
    if (visible.length === 0) return false;
    // WordPress search forms: a single text input named "s" or "q".
    return !(visible.length === 1 && /^(s|q|search)$/i.test(attr(visible[0], "name") ?? ""));
  });
}

export function isInside(node: Element, ancestor: Element): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Links, buttons and submit inputs with their visible wording. */
export function actionLabels(parsed: ParsedPage): { label: string; href?: string }[] {
  const labels: { label: string; href?: string }[] = parsed.links.map((l) => ({ label: l.text, href: l.href }));
  for (const button of elementsOf(parsed, "button")) labels.push({ label: elementText(button) || (attr(button, "aria-label") ?? "") });
  for (const input of elementsOf(parsed, "input")) {
    if (/^(submit|button)$/i.test(attr(input, "type") ?? "")) labels.push({ label: attr(input, "value") ?? "" });
  }
  return labels;
}

/** Why the page has a call to action, or undefined when it has none. */
export function callToActionEvidence(parsed: ParsedPage): string | undefined {
  if (hasTelLink(parsed)) return "click-to-call link";
  const worded = actionLabels(parsed).find((a) => CTA_WORDING.test(a.label));
  if (worded) return `"${worded.label}" button`;
  if (parsed.links.some((l) => isBookingProviderUrl(l.href))) return "booking widget link";
  if (elementsOf(parsed, "iframe").some((f) => isBookingProviderUrl(resolveSrc(f, parsed.url)))) return "booking widget";
  if (contactForm(parsed)) return "contact form";
  return undefined;
}

export function resolveSrc(element: Element, base: string): string {
  const src = attr(element, "src") ?? attr(element, "data-src") ?? "";
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

export const checkCallToAction: AuditCheck = ({ home }) => {
  if (callToActionEvidence(home)) return null;
  return {
    signal: "NO_CALL_TO_ACTION",
    detail: "Home page has no click-to-call (tel:) link, no call/book/quote/contact button and no contact form.",
    source_url: home.url,
  };
};
