import { readFileSync } from "node:fs";
import { z } from "zod";

/** The generated list of demo websites with what each was built to have. */
const EXPECTED_SITES_PATH = new URL("../data/demo-sites-expected.json", import.meta.url);

const vExpectedSites = z.object({
  sites: z.array(
    z.object({
      domain: z.string(),
      website: z.string().url(),
      special: z.string().optional(),
      traits: z.array(z.string()).default([]),
    }),
  ),
});

export interface BenchSite {
  domain: string;
  website: string;
}

/**
 * `count` demo websites spread evenly over the alphabetical list, the same on every run.
 * Sites whose timing or size is deliberately abnormal are skipped: the special ones (slow, 500,
 * oversized, redirect loop), those with a delayed ("sluggish") home page, and those with a
 * multi-megabyte ("heavy") home page, which would dominate byte counts and server CPU.
 */
export function pickBenchSites(count: number): BenchSite[] {
  const { sites } = vExpectedSites.parse(JSON.parse(readFileSync(EXPECTED_SITES_PATH, "utf8")));
  const eligible = sites
    .filter((site) => !site.special && !site.traits.includes("sluggish-home") && !site.traits.includes("heavy-home"))
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  if (eligible.length < count) throw new Error(`Only ${eligible.length} eligible demo sites, ${count} asked for`);
  const step = eligible.length / count;
  return Array.from({ length: count }, (_, i) => eligible[Math.floor(i * step)]).map(({ domain, website }) => ({ domain, website }));
}
