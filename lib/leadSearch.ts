import { statusRank, type OpportunityStatus } from "./lifecycle";

/** The lead table's sortable columns (server-side, one index each: convex/model/leadTable.ts). */
export const LEAD_SORTS = ["score", "name", "rating", "reviews", "status"] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];

/** The direction a column sorts in when first clicked: names A→Z, numbers and statuses highest first. */
export function defaultSortOrder(sort: LeadSort): "asc" | "desc" {
  return sort === "name" || sort === "status" ? "asc" : "desc";
}

/**
 * What the lead table searches and sorts by name: derived from a lead's name and domain when it is saved,
 * so the server answers from an index instead of reading every lead.
 */

/** Lower case, accents removed, punctuation as spaces, single spaces: "Café Zoë's" → "cafe zoe s". */
export function normalizeSearchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** A domain's words without its top-level label and "www": "www.harborviewdental.example" → "harborviewdental". */
function domainWords(domain: string): string {
  const labels = domain
    .toLowerCase()
    .split(".")
    .filter((label) => label && label !== "www");
  return normalizeSearchText((labels.length > 1 ? labels.slice(0, -1) : labels).join(" "));
}

/**
 * `searchText`: the words of the name and of the domain ("harborviewdental.example" → "harborviewdental") for the
 * full-text search index; the top-level label is left out, or searching "x.example" would match every
 * ".example" lead. `nameKey`: the normalised name, for sorting by name in an index (a byte-order sort of raw
 * names puts "apple" after "Zebra").
 */
export function leadSearchFields(lead: { name: string; domain?: string }): { searchText: string; nameKey: string } {
  const nameKey = normalizeSearchText(lead.name);
  return { searchText: `${nameKey} ${lead.domain ? domainWords(lead.domain) : ""}`.trim(), nameKey };
}

/** Every field the lead table sorts or searches by that is derived from a lead's own fields: search words, name key, status rank. */
export function leadTableFields(lead: { name: string; domain?: string; status: OpportunityStatus }): {
  searchText: string;
  nameKey: string;
  statusRank: number;
} {
  return { ...leadSearchFields(lead), statusRank: statusRank(lead.status) };
}

/**
 * What the user typed, as search terms: normalised like `searchText`; a domain loses its top-level label
 * ("harborviewdental.example" → "harborviewdental"); one-letter words are dropped when there are others
 * ("O'Brien's" → "brien"), since Convex search matches any term and "s" would match half the leads.
 */
export function searchQueryText(query: string): string {
  const trimmed = query.trim();
  // A URL or a bare domain ("harborviewdental.example", "https://www.x.example/contact"): its host's words.
  const host = /^(https?:\/\/)?[^\s/]+\.[a-z]{2,}(\/\S*)?$/i.test(trimmed) ? trimmed.replace(/^https?:\/\//i, "").split("/")[0] : undefined;
  const text = host ? domainWords(host) : normalizeSearchText(trimmed);
  const terms = text.split(" ").filter(Boolean);
  const long = terms.filter((term) => term.length > 1);
  return (long.length > 0 ? long : terms).join(" ");
}
