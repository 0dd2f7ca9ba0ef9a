import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Database } from "@/db/client";
import { candleCoverage, loadCandles } from "@/db/queries/candles";
import { fundingCoverage, loadFundingRates } from "@/db/queries/funding-rates";
import { formatCandlesCsv } from "@/lib/market/format-candles-csv";
import { formatFundingCsv } from "@/lib/market/format-funding-csv";
import { parseTimeframe } from "@/lib/market/timeframe";

/** Writes every stored series as CSV: `data/raw/<SYMBOL>_<tf>.csv` and `data/funding_rates/<SYMBOL>.csv`. */
export async function exportMarketData(db: Database, outDir: string): Promise<string[]> {
  const rawDir = path.join(outDir, "raw");
  const fundingDir = path.join(outDir, "funding_rates");
  mkdirSync(rawDir, { recursive: true });
  mkdirSync(fundingDir, { recursive: true });
  const written: string[] = [];
  for (const c of await candleCoverage(db)) {
    const file = path.join(rawDir, `${c.symbol}_${c.timeframe}.csv`);
    writeFileSync(file, formatCandlesCsv(await loadCandles(db, c.symbol, parseTimeframe(c.timeframe))));
    written.push(file);
  }
  for (const f of await fundingCoverage(db)) {
    const file = path.join(fundingDir, `${f.symbol}.csv`);
    writeFileSync(file, formatFundingCsv(await loadFundingRates(db, f.symbol)));
    written.push(file);
  }
  return written;
}
