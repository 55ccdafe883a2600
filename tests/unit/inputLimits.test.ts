import { describe, expect, it } from "vitest";
import { validateAgencyProfile, validateRunRequest } from "../../lib/campaignInput";
import { DEMO_AGENCY } from "../../lib/demoAgency";
import { checkListLimit, quote, unsafeCharacter } from "../../lib/inputLimits";

const claim = (i: number, text = "We build fast websites.") => ({ id: `claim-${i}`, text });

describe("input limits", () => {
  it("finds control characters and unpaired surrogates, and lets real text through", () => {
    expect(unsafeCharacter("dentists\u0000")).toBe("a control character (U+0000)");
    expect(unsafeCharacter("bad\u001b[31m")).toBe("a control character (U+001B)");
    expect(unsafeCharacter("lone \uD83D here")).toMatch(/unpaired UTF-16 surrogate/);
    expect(unsafeCharacter("\uDE00 trail")).toMatch(/unpaired/);
    expect(unsafeCharacter("Zürich café 🦷 dentists\tand\nmore")).toBeUndefined();
  });

  it("quotes at most 80 characters, escaping what cannot be shown", () => {
    expect(quote("x".repeat(1_000_000))).toBe(`"${"x".repeat(80)}…"`);
    expect(quote("a\u0000b")).toBe('"a\\u0000b"');
  });

  it("accepts list limits from 1 to 100 only", () => {
    expect(checkListLimit(undefined, 20)).toBe(20);
    expect(checkListLimit(100, 20)).toBe(100);
    for (const bad of [Number.NaN, 0, -1, 2.5, 101, Number.POSITIVE_INFINITY]) expect(typeof checkListLimit(bad, 20)).toBe("string");
  });

  it("keeps the signals each claim answers, each once and never the audit placeholder; old claims without signals stay valid", () => {
    const checked = validateAgencyProfile({
      ...DEMO_AGENCY,
      approvedClaims: [
        { id: "claim-1", text: " We build fast sites. ", signals: ["SLOW_OR_HEAVY_PAGE", "SLOW_OR_HEAVY_PAGE", "NEEDS_WEB_AUDIT"] },
        { id: "claim-2", text: "Old claim." },
      ],
    });
    expect(checked.ok && checked.profile.approvedClaims).toEqual([
      { id: "claim-1", text: "We build fast sites.", signals: ["SLOW_OR_HEAVY_PAGE"] },
      { id: "claim-2", text: "Old claim." },
    ]);
  });

  it("caps approved claims: 50 of at most 500 characters with ids of at most 64", () => {
    const ok = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: Array.from({ length: 50 }, (_, i) => claim(i, "y".repeat(500))) });
    expect(ok.ok).toBe(true);
    const tooMany = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: Array.from({ length: 2_500 }, (_, i) => claim(i)) });
    expect(tooMany).toEqual({ ok: false, error: { code: "INVALID_CLAIMS", message: "At most 50 approved claims (got 2500)." } });
    const longId = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: [{ id: "i".repeat(1_000_000), text: "ok" }] });
    expect(longId.ok).toBe(false);
    if (!longId.ok) expect(longId.error.message.length).toBeLessThan(160);
    const longText = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: [claim(1, "z".repeat(501))] });
    expect(!longText.ok && longText.error.message).toBe(`Approved claim "${"z".repeat(40)}…" must be at most 500 characters (got 501).`);
    const control = validateAgencyProfile({ ...DEMO_AGENCY, approvedClaims: [claim(1, "call us\u0007")] });
    expect(!control.ok && control.error.code).toBe("INVALID_CLAIMS");
  });

  it("never repeats a huge input back in an error", () => {
    const criteria = validateAgencyProfile({ ...DEMO_AGENCY, leadQualificationCriteria: ["NOT_A_SIGNAL_" + "q".repeat(2_000_000)] });
    expect(!criteria.ok && criteria.error.code).toBe("INVALID_CRITERIA");
    if (!criteria.ok) expect(criteria.error.message.length).toBeLessThan(160);
    const vertical = validateRunRequest({ numLeads: 5, targetVertical: "v".repeat(1_000_000), targetGeography: "Seattle, WA" });
    if (!vertical.ok) expect(vertical.error.message.length).toBeLessThan(160);
    expect(vertical.ok).toBe(false);
  });

  it("refuses a NUL or a lone surrogate in a vertical or geography", () => {
    expect(validateRunRequest({ numLeads: 5, targetVertical: "dentists\u0000", targetGeography: "Seattle, WA" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_VERTICAL" },
    });
    expect(validateRunRequest({ numLeads: 5, targetVertical: "dentists", targetGeography: "Seattle \uD800" })).toMatchObject({
      ok: false,
      error: { code: "INVALID_GEOGRAPHY" },
    });
  });
});
