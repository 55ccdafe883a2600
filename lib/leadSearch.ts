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

/**
 * `searchText`: the words of the name and of the domain ("harborviewdental.example" → "harborviewdental
 * example", plus the domain itself) for the full-text search index; `nameKey`: the normalised name, for
 * sorting by name in an index (a byte-order sort of raw names puts "apple" after "Zebra").
 */
export function leadSearchFields(lead: { name: string; domain?: string }): { searchText: string; nameKey: string } {
  const nameKey = normalizeSearchText(lead.name);
  const domain = lead.domain?.toLowerCase().trim();
  const domainWords = domain ? `${domain} ${normalizeSearchText(domain)}` : "";
  return { searchText: `${nameKey} ${domainWords}`.trim(), nameKey };
}
