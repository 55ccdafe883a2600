/**
 * Response bodies in the shapes Google really sends (Places API (New)
 * `places:searchText`, legacy `textsearch/json` and `details/json`, and
 * google.rpc.Status errors), with the gaps real listings have.
 */
import type { PlaceResult } from "../../lib/providers/places/types";

interface CityParts {
  street: string;
  city: string;
  cityType: "locality" | "postal_town";
  region?: { long: string; short: string };
  postal: string;
  country: { long: string; short: string };
  formatted: string;
}

const SEATTLE = (n: number): CityParts => ({
  street: `${1500 + n * 7} Eastlake Ave E`,
  city: "Seattle",
  cityType: "locality",
  region: { long: "Washington", short: "WA" },
  postal: "98102",
  country: { long: "United States", short: "US" },
  formatted: `${1500 + n * 7} Eastlake Ave E, Seattle, WA 98102, USA`,
});
const LONDON: CityParts = {
  street: "221 Camden High St",
  city: "London",
  cityType: "postal_town",
  postal: "NW1 7BU",
  country: { long: "United Kingdom", short: "GB" },
  formatted: "221 Camden High St, London NW1 7BU, UK",
};

function newAddressComponents(p: CityParts) {
  const parts = [
    { longText: p.street.split(" ")[0], shortText: p.street.split(" ")[0], types: ["street_number"], languageCode: "en" },
    { longText: p.street.split(" ").slice(1).join(" "), shortText: p.street.split(" ").slice(1).join(" "), types: ["route"], languageCode: "en" },
    { longText: p.city, shortText: p.city, types: [p.cityType, "political"], languageCode: "en" },
  ];
  if (p.region) parts.push({ longText: p.region.long, shortText: p.region.short, types: ["administrative_area_level_1", "political"], languageCode: "en" });
  parts.push({ longText: p.country.long, shortText: p.country.short, types: ["country", "political"], languageCode: "en" });
  parts.push({ longText: p.postal, shortText: p.postal, types: ["postal_code"], languageCode: "en-US" });
  return parts;
}

export const PLACE_IDS = Array.from({ length: 20 }, (_, i) => `ChIJ${"AbCdEfGhIjKlMnOpQrStUvW".slice(0, 21)}${String(i).padStart(2, "0")}`);

/** 20 dentists as `places:searchText` returns them, with gaps at known indexes. */
export function newApiSearchResponse() {
  const places = PLACE_IDS.map((id, i) => {
    const where = i === 13 ? LONDON : SEATTLE(i);
    const place: Record<string, unknown> = {
      id,
      types: ["dentist", "health", "point_of_interest", "establishment"],
      nationalPhoneNumber: `(206) 3${20 + i}-44${String(i).padStart(2, "0")}`,
      internationalPhoneNumber: `+1 206-3${20 + i}-44${String(i).padStart(2, "0")}`,
      formattedAddress: where.formatted,
      addressComponents: newAddressComponents(where),
      rating: 4 + (i % 10) / 10,
      websiteUri: `https://www.dentist${i}.example/`,
      userRatingCount: 10 + i * 13,
      businessStatus: "OPERATIONAL",
      displayName: { text: `Eastlake Dental ${i}`, languageCode: "en" },
      primaryType: "dentist", // a field we did not ask for must not break parsing
    };
    return place;
  });
  delete places[3].websiteUri; // no website
  delete places[5].internationalPhoneNumber; // no phone at all
  delete places[5].nationalPhoneNumber;
  delete places[7].internationalPhoneNumber; // national only: "(206) 327-4407"
  places[7].nationalPhoneNumber = "(206) 327-4407";
  delete places[9].rating; // never rated
  places[9].userRatingCount = 0;
  places[11].businessStatus = "CLOSED_PERMANENTLY";
  places[13].internationalPhoneNumber = "+44 20 7123 4567";
  places[13].nationalPhoneNumber = "020 7123 4567";
  places[13].displayName = { text: "Zoë's Dental Café", languageCode: "en" };
  delete places[15].addressComponents;
  delete places[17].businessStatus;
  places[19].websiteUri = "https://www.facebook.com/eastlakedental19/";
  return { places };
}

export const googleError = (code: number, status: string, message: string, reason?: string) => ({
  error: {
    code,
    message,
    status,
    ...(reason
      ? { details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, domain: "googleapis.com", metadata: { service: "places.googleapis.com" } }] }
      : {}),
  },
});

function legacyAddressComponents(p: CityParts) {
  return newAddressComponents(p).map(({ longText, shortText, types }) => ({ long_name: longText, short_name: shortText, types }));
}

/** Legacy text search: no phone, no website, 20 results and a next page token. */
export function legacySearchResponse(count = 20) {
  return {
    html_attributions: [],
    next_page_token: "AW30NDz_next_page_token",
    results: PLACE_IDS.slice(0, count).map((id, i) => ({
      business_status: i === 11 ? "CLOSED_PERMANENTLY" : "OPERATIONAL",
      formatted_address: SEATTLE(i).formatted,
      geometry: { location: { lat: 47.63 + i / 1000, lng: -122.32 } },
      name: `Eastlake Dental ${i}`,
      place_id: id,
      rating: 4.5,
      reference: id,
      types: ["dentist", "health", "point_of_interest", "establishment"],
      user_ratings_total: 40 + i,
    })),
    status: "OK",
  };
}

/** Legacy Place Details for search result `i`, with the contact fields only Details has. */
export function legacyDetailsResponse(i: number) {
  const where = i === 13 ? LONDON : SEATTLE(i);
  const result: Record<string, unknown> = {
    address_components: legacyAddressComponents(where),
    business_status: i === 11 ? "CLOSED_PERMANENTLY" : "OPERATIONAL",
    formatted_address: where.formatted,
    formatted_phone_number: `(206) 3${20 + i}-44${String(i).padStart(2, "0")}`,
    international_phone_number: `+1 206-3${20 + i}-44${String(i).padStart(2, "0")}`,
    name: `Eastlake Dental ${i}`,
    place_id: PLACE_IDS[i],
    rating: 4.5,
    types: ["dentist", "health", "point_of_interest", "establishment"],
    user_ratings_total: 40 + i,
    website: `http://dentist${i}.example/`,
  };
  if (i === 3) delete result.website;
  if (i === 7) delete result.international_phone_number; // national only
  if (i === 13) {
    result.formatted_phone_number = "020 7123 4567";
    result.international_phone_number = "+44 20 7123 4567";
  }
  return { html_attributions: [], result, status: "OK" };
}

/** One of our place results as Places API (New) `places:searchText` sends it, for fakes serving the demo dataset. */
export function newApiPlace(p: PlaceResult) {
  return {
    id: p.placeId,
    displayName: { text: p.name, languageCode: "en" },
    formattedAddress: p.address,
    internationalPhoneNumber: p.phone,
    websiteUri: p.website,
    rating: p.rating,
    userRatingCount: p.reviewsCount,
    businessStatus: p.businessStatus,
    types: p.types,
  };
}
