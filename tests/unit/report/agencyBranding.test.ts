import { describe, expect, it } from "vitest";
import { validateAgencyProfile } from "../../../lib/campaignInput";
import { DEMO_AGENCY, demoAgencyLogoUrl } from "../../../lib/demoAgency";
import { brandingFieldError, validateBranding } from "../../../lib/agencyBranding";

describe("agency call-to-action fields", () => {
  it("accept absolute http(s) URLs and an international phone, normalised", () => {
    const result = validateBranding({
      logoUrl: " https://brightpixel.agency/logo.png ",
      bookingUrl: "http://cal.com/bright/intro",
      contactPhone: "+1 (206) 555-0148",
    });
    expect(result).toEqual({
      ok: true,
      branding: { logoUrl: "https://brightpixel.agency/logo.png", bookingUrl: "http://cal.com/bright/intro", contactPhone: "+12065550148" },
    });
  });

  it("refuse other schemes, relative paths, credentials and bad phones, with the field's code", () => {
    expect(validateBranding({ logoUrl: "javascript:alert(1)" })).toMatchObject({ ok: false, error: { code: "INVALID_LOGO_URL" } });
    expect(validateBranding({ logoUrl: "data:image/png;base64,AAAA" })).toMatchObject({ ok: false, error: { code: "INVALID_LOGO_URL" } });
    expect(validateBranding({ bookingUrl: "/book" })).toMatchObject({ ok: false, error: { code: "INVALID_BOOKING_URL" } });
    expect(validateBranding({ bookingUrl: "https://user:pw@cal.com/x" })).toMatchObject({ ok: false, error: { code: "INVALID_BOOKING_URL" } });
    expect(validateBranding({ contactPhone: "call us" })).toMatchObject({ ok: false, error: { code: "INVALID_CONTACT_PHONE" } });
    expect(brandingFieldError("bookingUrl", `https://cal.com/${"a".repeat(600)}`)).toMatch(/at most 500/);
  });

  it("an empty field clears it; an absent one is left alone", () => {
    expect(validateBranding({ logoUrl: "" })).toEqual({ ok: true, branding: { logoUrl: undefined } });
    expect(validateBranding({})).toEqual({ ok: true, branding: {} });
  });

  it("the profile check refuses a bad call to action and nothing else changes", () => {
    expect(validateAgencyProfile({ ...DEMO_AGENCY, bookingUrl: "ftp://files.example/book" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_BOOKING_URL" },
    });
    const ok = validateAgencyProfile({ ...DEMO_AGENCY });
    expect(ok.ok && ok.profile.contactPhone).toBe("+12065550148");
  });

  it("the demo agency's CTA is valid and its logo is served by the dashboard", () => {
    expect(validateBranding({ bookingUrl: DEMO_AGENCY.bookingUrl, contactPhone: DEMO_AGENCY.contactPhone }).ok).toBe(true);
    expect(demoAgencyLogoUrl("http://localhost:5173")).toBe("http://localhost:5173/atlas-demo-agency-logo.svg");
    expect(demoAgencyLogoUrl(undefined)).toBeUndefined();
    expect(demoAgencyLogoUrl("not a url")).toBeUndefined();
  });
});
