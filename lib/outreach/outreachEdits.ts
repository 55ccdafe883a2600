import { unsafeCharacter } from "../inputLimits";

/** A lead's cold email and call script, as written by the writer or as edited by the agency. */
export type OutreachText = { emailSubject: string; emailBody: string; callScript: string };

/** Longest text kept per field, in characters: a subject line, and an email or call script a person would send or read. */
export const OUTREACH_EDIT_LIMITS: Readonly<Record<keyof OutreachText, number>> = { emailSubject: 200, emailBody: 10_000, callScript: 10_000 };

const FIELD_NAMES: Readonly<Record<keyof OutreachText, string>> = { emailSubject: "The email subject", emailBody: "The email", callScript: "The call script" };

export type OutreachEditsCheck = { ok: true; text: OutreachText } | { ok: false; code: "INVALID_OUTREACH"; message: string };

/**
 * The agency's edits as stored, or the first problem to show. The subject is one trimmed line (line breaks folded
 * to spaces, as a mail client would); the email and the script are kept as typed, empty included (the agency may
 * not want a call script). Refused: over-long text, control characters, unpaired surrogates.
 */
export function validateOutreachEdits(edits: OutreachText): OutreachEditsCheck {
  const text: OutreachText = {
    emailSubject: edits.emailSubject.replace(/\s*[\r\n]+\s*/g, " ").trim(),
    emailBody: edits.emailBody,
    callScript: edits.callScript,
  };
  for (const field of Object.keys(OUTREACH_EDIT_LIMITS) as (keyof OutreachText)[]) {
    const value = text[field];
    const max = OUTREACH_EDIT_LIMITS[field];
    if (value.length > max) {
      return {
        ok: false,
        code: "INVALID_OUTREACH",
        message: `${FIELD_NAMES[field]} is at most ${max.toLocaleString("en-US")} characters (this one has ${value.length.toLocaleString("en-US")}).`,
      };
    }
    const unsafe = unsafeCharacter(value);
    if (unsafe) return { ok: false, code: "INVALID_OUTREACH", message: `${FIELD_NAMES[field]} contains ${unsafe}.` };
  }
  return { ok: true, text };
}

/** Whether two drafts say the same thing, field by field. */
export function sameOutreach(a: OutreachText, b: OutreachText): boolean {
  return a.emailSubject === b.emailSubject && a.emailBody === b.emailBody && a.callScript === b.callScript;
}
