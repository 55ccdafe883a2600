/**
 * The agency's call-to-action fields shown on its shared prospect reports: logo, booking link, phone.
 * All optional. URLs must be absolute http(s) (never javascript:, data: or a relative path: the report
 * page puts them in `src` and `href`); the phone must be a valid number in international form.
 */
import { unsafeCharacter } from "./inputLimits";
import { checkPhone } from "./phone";

export const BRANDING_FIELDS = ["logoUrl", "bookingUrl", "contactPhone"] as const;
export type BrandingField = (typeof BRANDING_FIELDS)[number];
export type AgencyBranding = Partial<Record<BrandingField, string>>;

export const BRANDING_URL_MAX = 500;

export const BRANDING_ERROR_CODES: Record<BrandingField, "INVALID_LOGO_URL" | "INVALID_BOOKING_URL" | "INVALID_CONTACT_PHONE"> = {
  logoUrl: "INVALID_LOGO_URL",
  bookingUrl: "INVALID_BOOKING_URL",
  contactPhone: "INVALID_CONTACT_PHONE",
};

const LABELS: Record<BrandingField, string> = { logoUrl: "Logo URL", bookingUrl: "Booking link", contactPhone: "Contact phone" };

/** Why `value` is not acceptable for `field`, or undefined ("" and whitespace mean "none" and are fine). */
export function brandingFieldError(field: BrandingField, value: string | undefined): string | undefined {
  const text = value?.trim() ?? "";
  if (!text) return undefined;
  const unsafe = unsafeCharacter(text);
  if (unsafe) return `${LABELS[field]} contains ${unsafe}.`;
  if (field === "contactPhone") {
    return checkPhone(text).ok ? undefined : `${LABELS[field]} must be a valid phone number with its country code, e.g. +1 206 555 0148.`;
  }
  if (text.length > BRANDING_URL_MAX) return `${LABELS[field]} must be at most ${BRANDING_URL_MAX} characters.`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `${LABELS[field]} must be a full web address starting with https:// or http://.`;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return `${LABELS[field]} must start with https:// or http://.`;
  if (url.username || url.password) return `${LABELS[field]} must not contain a user name or password.`;
  return undefined;
}

/**
 * Normalised branding (trimmed; the phone in E.164; "" becomes undefined, which clears the field when
 * saved) or the first error with its code.
 */
export function validateBranding(
  input: AgencyBranding,
): { ok: true; branding: AgencyBranding } | { ok: false; error: { code: (typeof BRANDING_ERROR_CODES)[BrandingField]; message: string } } {
  const branding: AgencyBranding = {};
  for (const field of BRANDING_FIELDS) {
    if (!(field in input)) continue;
    const error = brandingFieldError(field, input[field]);
    if (error) return { ok: false, error: { code: BRANDING_ERROR_CODES[field], message: error } };
    const text = input[field]?.trim() ?? "";
    const phone = field === "contactPhone" && text ? checkPhone(text) : undefined;
    branding[field] = !text ? undefined : phone?.ok ? phone.e164 : field === "contactPhone" ? text : new URL(text).href;
  }
  return { ok: true, branding };
}
