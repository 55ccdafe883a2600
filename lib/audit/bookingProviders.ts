/** Hosts of online booking / reservation widgets; a link, iframe or script to one means the business takes bookings online. */
export const BOOKING_PROVIDER_DOMAINS = [
  "calendly.com",
  "acuityscheduling.com",
  "as.me",
  "squareup.com/appointments",
  "square.site",
  "app.squareup.com/appointments",
  "book.squareup.com",
  "booksy.com",
  "vagaro.com",
  "opentable.com",
  "resy.com",
  "zocdoc.com",
  "setmore.com",
  "simplybook.me",
  "simplybook.it",
  "schedulicity.com",
  "mindbodyonline.com",
  "fresha.com",
  "tock.com",
  "exploretock.com",
  "sevenrooms.com",
  "yelp.com/reservations",
  "housecallpro.com",
  "jobber.com",
  "getjobber.com",
  "servicetitan.com",
  "localmed.com",
  "nexhealth.com",
  "solutionreach.com",
  "zenoti.com",
  "glossgenius.com",
  "styleseat.com",
  "booker.com",
  "appointy.com",
  "10to8.com",
  "youcanbook.me",
  "tidycal.com",
  "cal.com",
  "hubspot.com/meetings",
  "meetings.hubspot.com",
  "doctolib",
  "resurva.com",
  "timetap.com",
  "picktime.com",
  // Restaurants, salons, clinics and trades platforms seen on real sites without booking wording on the link.
  "dashbooking.com",
  "spoton.com",
  "demandforce.com",
  "mindbody.io",
  "clients.mindbodyonline.com",
  "yelpreservations.com",
  "resdiary.com",
  "quandoo.com",
  "thefork.com",
  "bookatable.com",
  "toasttab.com",
  "chownow.com",
  "phorest.com",
  "salonbiz.com",
  "saloniq.com",
  "millenniumsi.com",
  "rosyapp.com",
  "boulevard.io",
  "joinblvd.com",
  "janeapp.com",
  "zocdoc.com",
  "patientpop.com",
  "lighthouse360.com",
  "flexbook.me",
  "bookeo.com",
  "checkfront.com",
  "fareharbor.com",
  "peek.com",
  "gettimely.com",
  "planity.com",
  "schedulista.com",
  "genbook.com",
  "appointlet.com",
  "bookwhen.com",
  "supersaas.com",
  "acuity.com",
  "squareup.com/book",
  // Regional platforms (a local business abroad books through its country's platform, not an American one).
  "booking.naver.com",
  "catchtable.co.kr",
  "beauty.hotpepper.jp",
  "tablecheck.com",
  "treatwell", // treatwell.co.uk, .de, .fr, .nl …
] as const;

/** Does this absolute URL point at a known booking provider? */
export function isBookingProviderUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const hostAndPath = `${parsed.hostname.toLowerCase().replace(/^www\./, "")}${parsed.pathname.toLowerCase()}`;
  return BOOKING_PROVIDER_DOMAINS.some((provider) => {
    if (provider.includes("/")) return hostAndPath.startsWith(provider) || hostAndPath.includes(`.${provider}`);
    if (!provider.includes(".")) return parsed.hostname.includes(provider);
    const host = parsed.hostname.toLowerCase();
    return host === provider || host.endsWith(`.${provider}`);
  });
}
