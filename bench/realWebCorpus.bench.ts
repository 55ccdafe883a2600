/**
 * Bench 8 — the auditor's per-check precision/recall on the real-web corpus (tests/corpus/realWeb,
 * labelled by eye). The demo sites are scored by tests/integration/deepAudit.test.ts (not re-measured here).
 */
import { runCorpus } from "../tests/corpus/realWebCorpus";

export function printRealWebCorpusFigures(): void {
  const result = runCorpus();
  console.log(`Real-web corpus: ${result.cases} sites, ${result.pages} pages (templates 2014-2023, served over https)`);
  console.log("check".padEnd(30) + "precision  recall   tp  fp  fn");
  for (const [check, s] of Object.entries(result.checks)) {
    console.log(`${check.padEnd(30)}${s.precision.toFixed(3).padEnd(11)}${s.recall.toFixed(3).padEnd(9)}${String(s.tp).padEnd(4)}${String(s.fp).padEnd(4)}${String(s.fn).padEnd(4)}`);
  }
  console.log(`contact email: picked ${result.email.picked}, correct ${result.email.correct} (precision ${result.email.precision.toFixed(2)}), expected ${result.email.expected}`);
}
