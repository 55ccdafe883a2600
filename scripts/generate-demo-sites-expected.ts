import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DEMO_PLACES_PATH, loadDemoPlacesFile } from "../server/demoWeb/demoSites";
import { buildExpectedSitesFile } from "../server/demoWeb/expectedFindings";
import { DEFAULT_REFERENCE_YEAR } from "../server/demoWeb/siteProfile";

/**
 * Writes data/demo-sites-expected.json: what every demo website was built to have,
 * the answer key the auditor is scored against.
 *   npx tsx scripts/generate-demo-sites-expected.ts [--reference-year 2026] [--places data/demo-places.json] [--out data/demo-sites-expected.json]
 */
const { values } = parseArgs({
  options: {
    "reference-year": { type: "string", default: String(DEFAULT_REFERENCE_YEAR) },
    places: { type: "string" },
    out: { type: "string" },
  },
});

const referenceYear = Number(values["reference-year"]);
if (!Number.isInteger(referenceYear) || referenceYear < 2000 || referenceYear > 2100) {
  throw new Error(`--reference-year must be a year, got "${values["reference-year"]}"`);
}
const placesPath = values.places ?? fileURLToPath(DEMO_PLACES_PATH);
const outPath = values.out ?? fileURLToPath(new URL("../data/demo-sites-expected.json", import.meta.url));

const file = buildExpectedSitesFile(loadDemoPlacesFile(placesPath), { referenceYear });
writeFileSync(outPath, `${JSON.stringify(file, null, 2)}\n`);
console.log(`wrote ${file.sites.length} sites to ${outPath}`);
