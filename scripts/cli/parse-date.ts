/** `--from 2026-05-01` (UTC midnight) or any ISO 8601 time → epoch ms; undefined when the flag is absent. */
export function parseDate(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new Error(`${flag} must be a date like 2026-05-01, got "${value}"`);
  return ms;
}
