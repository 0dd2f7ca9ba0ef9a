import type { FundingRate } from "./candle";

export const FUNDING_CSV_HEADER = "timestamp,rate";

/** Funding rates as CSV with epoch-ms timestamps and fractional rates, readable by `parseFundingFile`. */
export function formatFundingCsv(rates: readonly FundingRate[]): string {
  const lines = [FUNDING_CSV_HEADER];
  for (const r of rates) lines.push(`${r.time},${r.rate}`);
  return `${lines.join("\n")}\n`;
}
