/**
 * Display formatting shared by the CLI and the dashboard: the one place numbers and times become text. Times are
 * always shown in UTC; values that are undefined read "—", never NaN or Infinity.
 */

/** Epoch ms to the minute, e.g. `2026-03-01 14:05` (table cells whose header already says UTC). */
export function formatUtcMinute(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace("T", " ");
}

/** Epoch ms to the minute with its zone, e.g. `2026-03-01 14:05 UTC`. */
export function formatUtc(ms: number): string {
  return `${formatUtcMinute(ms)} UTC`;
}

/** Epoch ms to the UTC day, e.g. `2026-03-01` (also what a date input holds). */
export function formatUtcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An ISO instant to the second, e.g. `2026-03-01 14:05:09 UTC` (job times; market times use formatUtc). */
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

export function formatInt(n: number): string {
  return n.toLocaleString("en-US");
}

const KB = 1024;
const MB = 1024 * KB;

/** A size as people read it: `64 KB` under a megabyte, `20 MB` or `12.5 MB` from there (binary units, as caps are set). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(1))} MB`;
  if (bytes >= KB) return `${Number((bytes / KB).toFixed(1))} KB`;
  return `${bytes} bytes`;
}

/** A fraction as a percentage, `0.123` → `12.3%`. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : `${(value * 100).toFixed(digits)}%`;
}

/** A number with a fixed count of decimals and thousands separators, `1234.5` → `1,234.50`. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? "—" : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Profit factor with its degenerate case spelled out: winners and no losses is unbounded, not "best". */
export function formatProfitFactor(value: number | null, unbounded: boolean): string {
  if (unbounded) return "∞ (no losses)";
  return formatNumber(value, 2);
}

/** A price with as many decimals as its size needs (BNB at 600 vs BTC at 60,000). */
export function formatPrice(value: number): string {
  const digits = Math.abs(value) >= 1000 ? 1 : Math.abs(value) >= 10 ? 2 : 4;
  return formatNumber(value, digits);
}
