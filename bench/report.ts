/** How benches hand their figures to bench/run.ts, and how they are printed. */

export interface BenchFigure {
  /** What was measured, e.g. "sequential (concurrency 1)". */
  label: string;
  value: string;
}

export interface BenchResult {
  name: string;
  /** The headline: a ratio against the baseline measured in the same run, when the bench has one. */
  headline: string;
  figures: BenchFigure[];
  /** Context a reader needs to compare runs (sizes, settings). */
  notes: string[];
}

export interface BenchSettings {
  quick: boolean;
  /** Prints a progress line (stderr, so stdout stays the report). */
  log: (message: string) => void;
}

export function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** 2 decimals, or 2 significant digits below 0.1 (so 0.0083× does not print as 0.01×). */
export function formatRatio(ratio: number): string {
  return `${ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2)}×`;
}

/** One block per bench, then one summary table of the headlines. */
export function renderReport(results: readonly BenchResult[], totalMs: number, quick: boolean): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`## ${result.name}`);
    const width = Math.max(...result.figures.map((f) => f.label.length));
    for (const figure of result.figures) lines.push(`  ${figure.label.padEnd(width)}  ${figure.value}`);
    for (const note of result.notes) lines.push(`  · ${note}`);
    lines.push("");
  }
  lines.push(`## Summary${quick ? " (--quick)" : ""}`);
  const nameWidth = Math.max("bench".length, ...results.map((r) => r.name.length));
  lines.push(`| ${"bench".padEnd(nameWidth)} | result |`);
  lines.push(`| ${"-".repeat(nameWidth)} | ------ |`);
  for (const result of results) lines.push(`| ${result.name.padEnd(nameWidth)} | ${result.headline} |`);
  lines.push("");
  lines.push(`total bench time ${formatMs(totalMs)} · node ${process.version} · ${process.platform}/${process.arch}`);
  return lines.join("\n");
}
