/**
 * Which of the problems an agency says it solves no approved claim answers: every talking point must cite a
 * claim, so a lead showing such a problem gets no talking point for it. The setup form warns about these.
 */
export function uncoveredSignals(criteria: readonly string[], claims: readonly { text: string; signals?: readonly string[] }[]): string[] {
  const covered = new Set(claims.filter((c) => c.text.trim()).flatMap((c) => c.signals ?? []));
  return criteria.filter((signal) => signal !== "NEEDS_WEB_AUDIT" && !covered.has(signal));
}
