import type { Database } from "@/db/client";
import { candleGaps, type GapRange } from "@/db/queries/candles";
import { loadCoverage } from "@/db/queries/coverage";
import { fundingCoverage } from "@/db/queries/funding-rates";
import { listDataSources } from "@/db/queries/data-sources";
import type { CoverageSummary } from "@/lib/market/coverage";
import { timeframeMs } from "@/lib/market/timeframe";

export interface MarketStatus {
  candles: (CoverageSummary & { source: string | null; gaps: GapRange[] })[];
  funding: { symbol: string; first: number; last: number; rows: number; source: string | null }[];
}

/** Coverage per instrument × timeframe with gap ranges and where each series came from. */
export async function marketStatus(db: Database, maxGapsPerSeries = 10): Promise<MarketStatus> {
  const [coverage, funding, sources] = await Promise.all([loadCoverage(db), fundingCoverage(db), listDataSources(db)]);
  const sourceOf = (symbol: string, tf: string) => {
    const s = sources.find((x) => x.symbol === symbol && x.timeframe === tf);
    return s ? (s.detail ? `${s.source} (${s.detail})` : s.source) : null;
  };
  const candles = [];
  for (const c of coverage) {
    const gaps = c.missingBars > 0 ? await candleGaps(db, c.symbol, c.timeframe, timeframeMs(c.timeframe), maxGapsPerSeries) : [];
    candles.push({ ...c, source: sourceOf(c.symbol, c.timeframe), gaps });
  }
  return { candles, funding: funding.map((f) => ({ ...f, source: sourceOf(f.symbol, "funding") })) };
}
