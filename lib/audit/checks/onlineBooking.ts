import type { AuditCheck } from "../auditedSite";
import { isBookingProviderUrl } from "../bookingProviders";
import { type ParsedPage, elementsOf } from "../parsedPage";
import { actionLabels, resolveSrc } from "./callToAction";

/** Wording of a link or button that leads to booking. "Facebook" does not match (word boundary). */
const BOOKING_WORDING = /\b(book(?:ing|ings)?(?: now| online| an? \w+)?|schedule (?:an? |your )?(?:appointment|visit|service|consultation|cleaning|exam)|appointments?|reservations?|reserve(?: a table| now)?|request (?:an? |your )?(?:appointment|visit))\b/i;
const BOOKING_PATH = /\/(book|booking|bookings|appointments?|schedule|scheduling|reservations?|reserve)(?:[-_/.]|$)/i;

/** Evidence that this page offers online booking, or undefined. */
export function bookingEvidence(parsed: ParsedPage): string | undefined {
  const widgetLink = parsed.links.find((l) => isBookingProviderUrl(l.href));
  if (widgetLink) return `link to ${new URL(widgetLink.href).hostname}`;
  for (const tag of ["iframe", "script"]) {
    const widget = elementsOf(parsed, tag).find((el) => isBookingProviderUrl(resolveSrc(el, parsed.url)));
    if (widget) return `${tag} from ${new URL(resolveSrc(widget, parsed.url)).hostname}`;
  }
  // "Call for an appointment" and "appointments@shop.example" are a phone call and an email, not online booking.
  const worded = actionLabels(parsed).find((a) => BOOKING_WORDING.test(a.label) && !/^\s*call\b/i.test(a.label) && !/^(tel|mailto|sms):/i.test(a.href ?? ""));
  if (worded) return `"${worded.label}" ${worded.href ? "link" : "button"}`;
  const bookingPageLink = parsed.links.find((l) => {
    try {
      return BOOKING_PATH.test(new URL(l.href).pathname);
    } catch {
      return false;
    }
  });
  if (bookingPageLink) return `link to ${bookingPageLink.href}`;
  if (BOOKING_PATH.test(safePath(parsed.url))) return "a booking page";
  return undefined;
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

export const checkOnlineBooking: AuditCheck = ({ home, pages }) => {
  if (pages.some((p) => bookingEvidence(p) !== undefined)) return null;
  const audited = pages.length === 1 ? "the home page" : `${pages.length} pages`;
  return {
    signal: "NO_ONLINE_BOOKING",
    detail: `No online booking on ${audited}: no booking widget (Calendly, Square, Booksy, Zocdoc, OpenTable…) and no booking, appointment or reservation link.`,
    source_url: home.url,
  };
};
