import { unsafeCharacter } from "./inputLimits";

/** Longest note accepted, in characters. */
export const NOTE_MAX = 2000;

/** A note's text as stored (trimmed), or the error to show. */
export function validateNoteText(text: string): { ok: true; text: string } | { ok: false; code: "INVALID_NOTE"; message: string } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, code: "INVALID_NOTE", message: "Write something before adding a note." };
  if (trimmed.length > NOTE_MAX)
    return { ok: false, code: "INVALID_NOTE", message: `A note is at most ${NOTE_MAX} characters (this one has ${trimmed.length}).` };
  const unsafe = unsafeCharacter(trimmed);
  if (unsafe) return { ok: false, code: "INVALID_NOTE", message: `The note contains ${unsafe}.` };
  return { ok: true, text: trimmed };
}
