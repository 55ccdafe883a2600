/** Durations and relative times as the run timeline shows them. */

/** "850 ms", "4.2 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  const totalSeconds = Math.floor(ms / 1000);
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const totalMinutes = Math.floor(totalSeconds / 60);
  if (totalMinutes < 60) {
    const seconds = totalSeconds % 60;
    return seconds ? `${totalMinutes} min ${seconds} s` : `${totalMinutes} min`;
  }
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
}

/** Duration of a phase: finished → its length; still running → time so far; never started → undefined. */
export function phaseDuration(phase: { startedAt?: number; completedAt?: number }, now: number): number | undefined {
  if (phase.startedAt === undefined) return undefined;
  return Math.max(0, (phase.completedAt ?? now) - phase.startedAt);
}

/** "just now", "42 s ago", "3 min ago", "5 h ago", "2 d ago"; clock skew into the future reads "just now". */
export function formatRelativeTime(at: number, now: number): string {
  const seconds = Math.floor((now - at) / 1000);
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

/** "Tue, Dec 8, 4:00 PM" in the viewer's locale and time zone (a meeting, a note). */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" });
}

/** The value a `<input type="datetime-local">` shows for a time, in the viewer's time zone ("2026-12-08T16:00"). */
export function toDateTimeLocal(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The time a `datetime-local` value means in the viewer's time zone, or undefined when it is empty or invalid. */
export function fromDateTimeLocal(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? at : undefined;
}
