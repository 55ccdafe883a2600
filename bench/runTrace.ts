/**
 * Where a run's workflow overhead goes, from the embedded backend's trace (EMBEDDED_TRACE_FILE, see
 * server/embedded/functionTrace.ts): for every gap between the work measured inside steps, what the backend
 * was doing meanwhile — top-level functions (by name), waits for the transaction lock, commits (write-ahead
 * log fsync), subscription refreshes — and how long it was doing nothing at all (waiting on a timer).
 */
import { readFileSync } from "node:fs";
import type { TraceEvent } from "../server/embedded/functionTrace";

type Interval = [number, number];

function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function length(intervals: Interval[]): number {
  return intervals.reduce((total, [a, b]) => total + (b - a), 0);
}

function clip(intervals: Interval[], [from, to]: Interval): Interval[] {
  return intervals.flatMap(([a, b]) => (Math.min(b, to) > Math.max(a, from) ? [[Math.max(a, from), Math.min(b, to)] as Interval] : []));
}

export function readTrace(file: string): TraceEvent[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as TraceEvent);
}

/** Gaps of `[from, to]` not covered by `work`. */
export function gapsBetween(work: Interval[], [from, to]: Interval): Interval[] {
  const gaps: Interval[] = [];
  let at = from;
  for (const [a, b] of union(clip(work, [from, to]))) {
    if (a > at) gaps.push([at, a]);
    at = Math.max(at, b);
  }
  if (to > at) gaps.push([at, to]);
  return gaps;
}

/** Lines describing each gap longer than `minGapMs` (times in s from `origin`), then totals over all gaps. */
export function describeGaps(events: TraceEvent[], work: Interval[], window: Interval, origin: number, minGapMs = 15): string[] {
  const gaps = gapsBetween(work, window);
  const topLevel = events.filter((e): e is Extract<TraceEvent, { k: "fn" }> => e.k === "fn" && e.depth === 1);
  const of = (k: TraceEvent["k"]) => events.filter((e) => e.k === k).map((e) => [e.t0, e.t1] as Interval);
  const busy = union([...topLevel.map((e) => [e.t0, e.t1] as Interval), ...of("refresh"), ...of("commit")]);
  const at = (t: number) => ((t - origin) / 1000).toFixed(3);
  const lines: string[] = [];
  const totals = new Map<string, number>();
  const add = (key: string, ms: number) => totals.set(key, (totals.get(key) ?? 0) + ms);
  for (const gap of gaps) {
    const gapMs = gap[1] - gap[0];
    const idle = gapMs - length(clip(busy, gap));
    add("idle (no function, commit or refresh running)", idle);
    const byName = new Map<string, { ms: number; calls: number }>();
    for (const e of topLevel) {
      const ms = length(clip([[e.t0, e.t1]], gap));
      if (ms <= 0) continue;
      const entry = byName.get(e.name) ?? { ms: 0, calls: 0 };
      entry.ms += ms;
      entry.calls += 1;
      byName.set(e.name, entry);
      add(`fn ${e.name}`, ms);
    }
    const lockMs = length(clip(union(of("lock")), gap));
    const commitMs = length(clip(union(of("commit")), gap));
    const refreshMs = length(clip(union(of("refresh")), gap));
    add("waiting for the transaction lock", lockMs);
    add("commits (log append, notifications)", commitMs);
    add("subscription refresh passes", refreshMs);
    if (gapMs < minGapMs) continue;
    const top = [...byName.entries()].sort((x, y) => y[1].ms - x[1].ms).slice(0, 6);
    lines.push(
      `  gap ${at(gap[0])}–${at(gap[1])} s (${gapMs.toFixed(0)} ms): idle ${idle.toFixed(0)} ms, lock wait ${lockMs.toFixed(0)}, commits ${commitMs.toFixed(0)}, refresh ${refreshMs.toFixed(0)}; ` +
        top.map(([name, { ms, calls }]) => `${name}×${calls} ${ms.toFixed(0)}`).join(", "),
    );
  }
  const total = length(gaps);
  lines.push(
    `  all gaps ${total.toFixed(0)} ms; of which (overlapping): ` +
      [...totals.entries()]
        .filter(([, ms]) => ms >= 1)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 14)
        .map(([key, ms]) => `${key} ${ms.toFixed(0)}`)
        .join(" · "),
  );
  const counts = new Map<string, number>();
  for (const e of topLevel) counts.set(e.name, (counts.get(e.name) ?? 0) + 1);
  lines.push(
    `  top-level calls in the run: ${topLevel.length} (${[...counts.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 10)
      .map(([name, n]) => `${name} ${n}`)
      .join(
        ", ",
      )}); commits ${of("commit").length} (${length(of("commit")).toFixed(0)} ms); refresh passes ${of("refresh").length} (${length(of("refresh")).toFixed(0)} ms)`,
  );
  return lines;
}
