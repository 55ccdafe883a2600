import type { CountryCode } from "libphonenumber-js";
import { checkPhone } from "../../phone";
import { BUSINESS_STATUSES, type PlaceResult } from "./types";

/** One address component, as both Google APIs describe it (names differ, meaning does not). */
export interface AddressPart {
  name?: string;
  shortName?: string;
  types: readonly string[];
}

/** The city: `locality`, or `postal_town` where Google uses it instead (UK, Sweden). */
export function cityFromAddress(parts: readonly AddressPart[] | undefined): string | undefined {
  const find = (type: string) => parts?.find((p) => p.types.includes(type))?.name;
  return find("locality") ?? find("postal_town");
}

function countryFromAddress(parts: readonly AddressPart[] | undefined): CountryCode | undefined {
  const code = parts?.find((p) => p.types.includes("country"))?.shortName;
  return code && /^[A-Z]{2}$/.test(code) ? (code as CountryCode) : undefined;
}

/**
 * The phone as the pipeline wants it: the international number when Google
 * has one; otherwise the national number made international with the place's
 * country, when that yields a valid number; otherwise the raw national number.
 */
export function preferredPhone(international: string | undefined, national: string | undefined, parts: readonly AddressPart[] | undefined): string | undefined {
  if (international?.trim()) return international.trim();
  if (!national?.trim()) return undefined;
  const check = checkPhone(national, countryFromAddress(parts));
  return check.ok ? check.international : national.trim();
}

/** Google's status when it is one we model; unknown or "unspecified" ones become undefined. */
export function knownBusinessStatus(status: string | undefined): PlaceResult["businessStatus"] {
  return BUSINESS_STATUSES.find((s) => s === status);
}

/** Drop undefined fields so results compare and serialize cleanly. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
