import { summarizeCoverage, type CoverageSummary } from "@/lib/market/coverage";
import { parseTimeframe, timeframeMs } from "@/lib/market/timeframe";
import type { Database } from "../client";
import { candleCoverage } from "./candles";

export async function loadCoverage(db: Database): Promise<CoverageSummary[]> {
  return (await candleCoverage(db))
    .map((r) => summarizeCoverage({ ...r, timeframe: parseTimeframe(r.timeframe) }))
    .sort((a, b) => a.symbol.localeCompare(b.symbol) || timeframeMs(a.timeframe) - timeframeMs(b.timeframe));
}
