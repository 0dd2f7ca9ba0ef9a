import { CliOptionError } from "./parse-options";

/** `--from 2026-05-01` (UTC midnight) or any ISO 8601 time → epoch ms; undefined when the flag is absent. */
export function parseDate(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new CliOptionError(flag, value, "must be a date like 2026-05-01 (UTC) or an ISO 8601 time");
  return ms;
}

/** `--from D --to D` → epoch ms, each optional; a range that ends before it starts is refused naming both. */
export function parseDateRange(from: string | undefined, to: string | undefined): { fromMs?: number; toMs?: number } {
  const fromMs = parseDate(from, "--from");
  const toMs = parseDate(to, "--to");
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) throw new CliOptionError("--to", to, `must be after --from ${JSON.stringify(from)}`);
  return { fromMs, toMs };
}
