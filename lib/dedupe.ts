import { canonicalDomain } from "./domains";

export type DuplicateReason = "DUPLICATE_PLACE" | "DUPLICATE_DOMAIN";

/**
 * Keep the first occurrence of each business: a result is dropped when its
 * place id OR its canonical website domain was already seen. Social/directory
 * links (facebook.com pages, Yelp listings) have no canonical domain and never
 * dedupe by domain.
 */
export function dedupeByPlaceOrDomain<T extends { placeId: string; website?: string }>(
  items: readonly T[],
): { kept: T[]; dropped: { item: T; reason: DuplicateReason }[] } {
  const seenPlaces = new Set<string>();
  const seenDomains = new Set<string>();
  const kept: T[] = [];
  const dropped: { item: T; reason: DuplicateReason }[] = [];
  for (const item of items) {
    if (seenPlaces.has(item.placeId)) {
      dropped.push({ item, reason: "DUPLICATE_PLACE" });
      continue;
    }
    seenPlaces.add(item.placeId);
    const domain = canonicalDomain(item.website);
    if (domain && seenDomains.has(domain)) {
      dropped.push({ item, reason: "DUPLICATE_DOMAIN" });
      continue;
    }
    if (domain) seenDomains.add(domain);
    kept.push(item);
  }
  return { kept, dropped };
}
