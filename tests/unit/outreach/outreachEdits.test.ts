import { describe, expect, it } from "vitest";
import { OUTREACH_EDIT_LIMITS, sameOutreach, validateOutreachEdits } from "../../../lib/outreach/outreachEdits";

const drafts = {
  emailSubject: "A quicker way for Lakeside Dental patients to book",
  emailBody: "Hi Dr. Chen,\n\nI noticed Lakeside Dental has no online booking.\n\n— Sam",
  callScript: "Opening: Hi, this is Sam from Harbor Growth.\n\nIf they ask about price: …",
};

describe("validateOutreachEdits", () => {
  it("keeps the email and the script exactly as typed, line breaks and blank lines included", () => {
    expect(validateOutreachEdits(drafts)).toEqual({ ok: true, text: drafts });
  });

  it("folds a pasted multi-line subject to one trimmed line, as a mail client sends it", () => {
    const checked = validateOutreachEdits({ ...drafts, emailSubject: "  Quick question\r\n  about booking \n" });
    expect(checked).toMatchObject({ ok: true, text: { emailSubject: "Quick question about booking" } });
  });

  it("accepts an empty call script: the agency may only want the email", () => {
    expect(validateOutreachEdits({ ...drafts, callScript: "" })).toMatchObject({ ok: true, text: { callScript: "" } });
  });

  it("refuses text over each field's limit, naming the field and both lengths", () => {
    const body = "x".repeat(OUTREACH_EDIT_LIMITS.emailBody + 1);
    expect(validateOutreachEdits({ ...drafts, emailBody: body })).toEqual({
      ok: false,
      code: "INVALID_OUTREACH",
      message: "The email is at most 10,000 characters (this one has 10,001).",
    });
    const subject = "s".repeat(OUTREACH_EDIT_LIMITS.emailSubject + 1);
    expect(validateOutreachEdits({ ...drafts, emailSubject: subject })).toMatchObject({ ok: false, message: /^The email subject is at most 200 characters/ });
  });

  it("refuses control characters and unpaired surrogates, naming the field", () => {
    expect(validateOutreachEdits({ ...drafts, callScript: "Hello\u0000" })).toMatchObject({
      ok: false,
      message: "The call script contains a control character (U+0000).",
    });
    expect(validateOutreachEdits({ ...drafts, emailBody: "Hi \uD800 there" })).toMatchObject({
      ok: false,
      message: /^The email contains an invalid character/,
    });
  });
});

describe("sameOutreach", () => {
  it("compares every field", () => {
    expect(sameOutreach(drafts, { ...drafts })).toBe(true);
    expect(sameOutreach(drafts, { ...drafts, callScript: `${drafts.callScript} ` })).toBe(false);
    expect(sameOutreach(drafts, { ...drafts, emailSubject: drafts.emailSubject.toUpperCase() })).toBe(false);
  });
});
