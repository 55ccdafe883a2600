import type { AuditCheck } from "../auditedSite";
import { isBookingProviderUrl } from "../bookingProviders";
import { type ParsedPage, attr, elementsOf } from "../parsedPage";
import { linkTarget } from "./actionTargets";
import { resolveSrc } from "./callToAction";

/** Wording of a link that leads to booking. "Facebook" and "Book of Fluidity" do not match. */
const BOOKING_WORDING =
  /\b(book(?:ing|ings| now| online| today| (?:an?|your|my) \w+)|schedule (?:an? |your )?(?:appointment|visit|service|consultation|cleaning|exam)|appointments?|reservations?|reserve (?:a table|now|online)|request (?:an? |your )?(?:appointment|visit))\b/i;
/** A page whose path says it takes bookings ("/book-online", "/onlinebooking/", "/appointments"). */
export const BOOKING_PATH =
  /\/(book|booking|bookings|book-?online|online-?booking|onlinebooking|appointments?|request-?(?:an-)?appointment|appointment-?request|schedule|scheduling|schedule-?online|reservations?|reserve)(?:[-_/.]|$)/i;
const BOOKING_FORM_FIELD = /\b(appointment|reservation|booking|party|guests|covers|preferred[-_ ]?(date|time))\b/i;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

/** Evidence that this page offers online booking (a quote from the page), or undefined. */
export function bookingEvidence(parsed: ParsedPage): string | undefined {
  const widgetLink = parsed.links.find((l) => isBookingProviderUrl(l.href));
  if (widgetLink) return `link to ${new URL(widgetLink.href).hostname}`;
  for (const tag of ["iframe", "script"]) {
    const widget = elementsOf(parsed, tag).find((el) => isBookingProviderUrl(resolveSrc(el, parsed.url)));
    if (widget) return `${tag} from ${new URL(resolveSrc(widget, parsed.url)).hostname}`;
  }
  // A booking-worded link counts when it leads to a booking page or another site (a booking system);
  // "Make an appointment" → #contact, "Appointments" → /services and a bare <button> are not online booking.
  for (const link of parsed.links) {
    if (!BOOKING_WORDING.test(link.text) || /^\s*call\b/i.test(link.text)) continue;
    const target = linkTarget(link, parsed.url);
    if (target.kind !== "page" || !/^https?:$/.test(target.url.protocol)) continue;
    const here = new URL(parsed.url);
    const external = target.url.hostname.replace(/^www\./, "") !== here.hostname.replace(/^www\./, "");
    if (external || BOOKING_PATH.test(target.url.pathname)) return `"${link.text}" link`;
  }
  const bookingPageLink = parsed.links.find((l) => linkTarget(l, parsed.url).kind === "page" && BOOKING_PATH.test(pathOf(l.href)));
  if (bookingPageLink) return `link to ${bookingPageLink.href}`;
  // A reservation or appointment request form on the page (date/time or booking-named fields).
  const bookingForm = elementsOf(parsed, "form").find(
    (form) =>
      elementsOf(parsed, "input").some(
        (input) =>
          isWithin(input, form) &&
          (/^(date|time|datetime-local)$/i.test(attr(input, "type") ?? "") ||
            BOOKING_FORM_FIELD.test(`${attr(input, "name") ?? ""} ${attr(input, "id") ?? ""}`)),
      ) && !/^\s*#\s*$/.test(attr(form, "action") ?? "x"),
  );
  if (bookingForm) return "appointment or reservation request form";
  if (BOOKING_PATH.test(pathOf(parsed.url))) return "a booking page";
  return undefined;
}

function isWithin(node: { parent: unknown }, ancestor: unknown): boolean {
  for (let current = node.parent as { parent: unknown } | null; current; current = current.parent as { parent: unknown } | null)
    if (current === ancestor) return true;
  return false;
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
