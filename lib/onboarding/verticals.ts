/**
 * The kinds of local business an agency says it serves, as the vertical words the run form takes
 * ("dentists", "plumbers"…: the demo dataset's verticals and other common ones). Each entry lists the
 * phrases a website uses for them.
 */
export const VERTICAL_TERMS: readonly { vertical: string; pattern: RegExp }[] = [
  { vertical: "dentists", pattern: /\bdentists?\b|\bdental (?:practices?|offices?|clinics?)\b|\bdentistry\b|\borthodontists?\b/g },
  { vertical: "plumbers", pattern: /\bplumbers?\b|\bplumbing (?:companies|contractors|businesses|pros)\b/g },
  { vertical: "roofers", pattern: /\broofers?\b|\broofing (?:companies|contractors|businesses|pros)\b/g },
  { vertical: "hair salons", pattern: /\bhair salons?\b|\bsalons?\b|\bbarbers?(?:hops?)?\b|\bhair stylists?\b/g },
  { vertical: "restaurants", pattern: /\brestaurants?\b|\bcaf[eé]s\b|\bbistros?\b|\beateries\b/g },
  { vertical: "law firms", pattern: /\blaw (?:firms?|offices?|practices?)\b|\battorneys?\b|\blawyers?\b/g },
  { vertical: "chiropractors", pattern: /\bchiropractors?\b|\bchiropractic (?:clinics?|offices?|practices?)\b/g },
  { vertical: "auto repair", pattern: /\bauto (?:repair|body)(?: shops?)?\b|\bmechanics?\b|\bcar repair\b|\bgarages\b/g },
  { vertical: "HVAC contractors", pattern: /\bhvac\b|\bheating (?:and|&) (?:cooling|air)\b/g },
  { vertical: "electricians", pattern: /\belectricians?\b/g },
  { vertical: "med spas", pattern: /\bmed ?spas?\b|\bmedical spas?\b/g },
  { vertical: "veterinarians", pattern: /\bveterinar(?:ians?|y clinics?)\b|\bvets\b|\banimal hospitals?\b/g },
  { vertical: "real estate agents", pattern: /\breal estate (?:agents?|brokers?|agencies|teams?)\b|\brealtors?\b/g },
  { vertical: "landscapers", pattern: /\blandscap(?:ers?|ing companies)\b|\blawn care\b/g },
  { vertical: "accountants", pattern: /\baccountants?\b|\baccounting firms?\b|\bcpas?\b|\bbookkeepers?\b/g },
  { vertical: "gyms", pattern: /\bgyms?\b|\bfitness studios?\b|\bpersonal trainers?\b/g },
  { vertical: "physical therapists", pattern: /\bphysical therap(?:ists?|y clinics?)\b|\bphysiotherap(?:ists?|y clinics?)\b/g },
];

/** How often each vertical is named in the text, most named first (ties in table order). */
export function verticalMentions(text: string): { vertical: string; count: number }[] {
  const lower = text.toLowerCase();
  return VERTICAL_TERMS.map(({ vertical, pattern }) => ({ vertical, count: lower.match(pattern)?.length ?? 0 }))
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count);
}
