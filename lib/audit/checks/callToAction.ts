import type { Element } from "domhandler";
import type { AuditCheck } from "../auditedSite";
import { isBookingProviderUrl } from "../bookingProviders";
import { type ParsedPage, attr, elementText, elementsOf } from "../parsedPage";
import { contactForm, isHomeLink, isMenuItem, linkTarget, sectionHasContactMeans } from "./actionTargets";

export { contactForm, isInside } from "./actionTargets";

/**
 * Button or link wording that asks the visitor to act. The bare word "Book" is not enough ("Book of Fluidity"):
 * booking needs an object or adverb ("Book now", "Book an appointment", "Booking").
 */
export const CTA_WORDING =
  /\b(call (?:us|now|today)|book(?:ing| now| online| today| (?:an?|your|my) \w+)|schedule (?:an?|your|now|online|\w+ (?:appointment|visit|service))|get (?:a |your |my )?(?:free )?(?:quote|estimate|started)|request (?:an? |your )?(?:appointment|quote|estimate|consultation|callback|service)|contact us|get in touch|make an? (?:appointment|reservation|booking)|reserve (?:now|online|a table|your)|order online|free (?:quote|estimate|consultation))\b/i;
/** Wording that is a call to action even as a menu item (a bare "Contact us" menu item is not). */
const MENU_CTA_WORDING =
  /\b(call (?:us|now|today)|book(?:ing| now| online| (?:an?|your) \w+)|get (?:a |your )?(?:free )?(?:quote|estimate)|request (?:an? )?(?:appointment|quote|estimate)|make an? (?:appointment|reservation)|reserve (?:now|online|a table)|order online|free (?:quote|estimate|consultation))\b/i;

function telLink(parsed: ParsedPage): Element | undefined {
  return parsed.links.find((l) => /^tel:\s*\+?[\d(]/i.test(attr(l.element, "href")?.trim() ?? ""))?.element;
}

/** A link a visitor can act on: its wording asks to act and it leads somewhere that lets them. */
export function actionLink(parsed: ParsedPage): { label: string; quote: string } | undefined {
  for (const link of parsed.links) {
    if (!CTA_WORDING.test(link.text)) continue;
    if (isMenuItem(link.element) && !MENU_CTA_WORDING.test(link.text)) continue;
    const target = linkTarget(link, parsed.url);
    if (target.kind === "dead" || isHomeLink(target)) continue;
    if (target.kind === "in-page" && !sectionHasContactMeans(parsed, target.id)) continue;
    return { label: link.text, quote: link.text };
  }
  return undefined;
}

/** Links, buttons and submit inputs with their visible wording (used by the booking check). */
export function actionLabels(parsed: ParsedPage): { label: string; href?: string; element: Element }[] {
  const labels: { label: string; href?: string; element: Element }[] = parsed.links.map((l) => ({ label: l.text, href: l.href, element: l.element }));
  for (const button of elementsOf(parsed, "button")) labels.push({ label: elementText(button) || (attr(button, "aria-label") ?? ""), element: button });
  for (const input of elementsOf(parsed, "input")) {
    if (/^(submit|button)$/i.test(attr(input, "type") ?? "")) labels.push({ label: attr(input, "value") ?? "", element: input });
  }
  return labels;
}

/** Why the page has a call to action (with a quote from the page), or undefined when it has none. */
export function callToActionEvidence(parsed: ParsedPage): string | undefined {
  const tel = telLink(parsed);
  if (tel) return "click-to-call link";
  const worded = actionLink(parsed);
  if (worded) return `"${worded.label}" link`;
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

/** A dead link worded like a call to action ("Call to Action" → "#"): quoted so the agency can point at it. */
function deadActionLink(parsed: ParsedPage): string | undefined {
  const dead = parsed.links.find((l) => (CTA_WORDING.test(l.text) || /call to action/i.test(l.text)) && linkTarget(l, parsed.url).kind === "dead");
  return dead?.text;
}

export const checkCallToAction: AuditCheck = ({ home }) => {
  if (callToActionEvidence(home)) return null;
  const dead = deadActionLink(home);
  return {
    signal: "NO_CALL_TO_ACTION",
    detail: `Home page has no click-to-call (tel:) link, no working call/book/quote/contact button and no contact form${dead ? ` (the "${dead}" button leads nowhere)` : ""}.`,
    source_url: home.url,
    ...(dead ? { evidence: dead } : {}),
  };
};
