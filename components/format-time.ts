/** UTC date-time to the second, e.g. `2026-03-01 14:05:09 UTC` (job times; market times use formatUtc). */
export function formatUtcSeconds(iso: string): string {
  return iso.replace("T", " ").slice(0, 19) + " UTC";
}

/** Elapsed time between two ISO instants, e.g. `4.2 s`, `3 min 05 s`. */
export function formatElapsed(fromIso: string, toIso: string): string {
  const ms = Math.max(0, Date.parse(toIso) - Date.parse(fromIso));
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}
