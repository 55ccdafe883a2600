import { normalizePhrase } from "./providers/places/demoQuery";

/**
 * One key per campaign, so spellings of the same search are one campaign:
 * case, spacing, punctuation and plurals are ignored ("Dentists" = "dentist"),
 * and a geography is its first comma-separated part, the city ("sydney" =
 * "Sydney, NSW" = "SYDNEY , nsw"). Used for "one run per campaign at a time"
 * and to keep the first spelling of a campaign for every later run.
 */
export function campaignKey(targetVertical: string, targetGeography: string): string {
  const city = targetGeography.split(",")[0] ?? targetGeography;
  return `${normalizePhrase(targetVertical)}|${normalizePhrase(city)}`;
}
