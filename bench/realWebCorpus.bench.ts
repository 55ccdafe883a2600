/**
 * Bench 8 — the auditor's per-check precision/recall on the real-web corpus (tests/corpus/realWeb,
 * labelled by eye), templates and real local-business sites reported apart. The demo sites are
 * scored by tests/integration/deepAudit.test.ts (not re-measured here).
 */
import { runCorpus, type CorpusScores } from "../tests/corpus/realWebCorpus";

function printScores(title: string, scores: CorpusScores): void {
  console.log(`${title}: ${scores.cases} sites, ${scores.pages} pages (served over https)`);
  console.log("check".padEnd(30) + "precision  recall   tp  fp  fn");
  for (const [check, s] of Object.entries(scores.checks)) {
    console.log(
      `${check.padEnd(30)}${s.precision.toFixed(3).padEnd(11)}${s.recall.toFixed(3).padEnd(9)}${String(s.tp).padEnd(4)}${String(s.fp).padEnd(4)}${String(s.fn).padEnd(4)}`,
    );
  }
  const e = scores.email;
  console.log(
    `contact email: picked ${e.picked}, correct ${e.correct} (precision ${e.precision.toFixed(2)}), expected ${e.expected}, found ${e.found} (recall ${e.recall.toFixed(2)})`,
  );
}

export function printRealWebCorpusFigures(): void {
  const result = runCorpus();
  printScores("Real-web corpus, templates (2014-2023)", result.byKind.template);
  console.log("");
  printScores("Real-web corpus, real local-business sites", result.byKind.business);
}
