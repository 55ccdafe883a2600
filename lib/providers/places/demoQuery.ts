import type { DemoDataset } from "./demoDatasetSchema";

/**
 * Reduce a phrase to a comparable form: lower-case, accents and punctuation
 * removed, "&" read as "and", each word singular ("Dentists" ≈ "dentist").
 * Applied to both the query and the aliases, so its simplifications cancel out.
 */
export function normalizePhrase(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/['’]/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(singularize)
    .join(" ");
}

function singularize(word: string): string {
  if (word.length > 4 && word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export interface DemoCampaignMatch {
  vertical: string;
  geography: string;
}

type AliasIndex = Map<string, string>;

function aliasIndex(entries: readonly { key: string; label: string; aliases: readonly string[] }[]): AliasIndex {
  const index: AliasIndex = new Map();
  for (const entry of entries) {
    for (const phrase of [entry.key.replace(/-/g, " "), entry.label, ...entry.aliases]) {
      const normalized = normalizePhrase(phrase);
      if (normalized && !index.has(normalized)) index.set(normalized, entry.key);
    }
  }
  return index;
}

const indexes = new WeakMap<DemoDataset, { verticals: AliasIndex; geographies: AliasIndex }>();

/**
 * Read a `"{vertical} in {geography}"` text query against the dataset's
 * verticals and geographies (keys, labels, aliases). Undefined when either
 * part is unknown.
 */
export function matchDemoQuery(dataset: DemoDataset, textQuery: string): DemoCampaignMatch | undefined {
  let index = indexes.get(dataset);
  if (!index) {
    index = { verticals: aliasIndex(dataset.verticals), geographies: aliasIndex(dataset.geographies) };
    indexes.set(dataset, index);
  }
  const words = normalizePhrase(textQuery).split(" ");
  // Try every "in"/"near" as the separator: a vertical or a city could contain the word itself.
  for (let i = 1; i < words.length - 1; i++) {
    if (words[i] !== "in" && words[i] !== "near") continue;
    const vertical = index.verticals.get(words.slice(0, i).join(" "));
    const geography = index.geographies.get(words.slice(i + 1).join(" "));
    if (vertical && geography) return { vertical, geography };
  }
  return undefined;
}
