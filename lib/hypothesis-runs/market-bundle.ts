import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";

/** Everything stored for one instrument that hypotheses and the engine read: candles per timeframe and funding. */
export interface MarketBundle {
  readonly symbol: string;
  readonly series: Partial<Record<Timeframe, CandleSeries>>;
  readonly funding: FundingSeries;
}

export class MissingSeriesError extends Error {
  readonly code = "MISSING_SERIES";
  constructor(symbol: string, timeframe: Timeframe) {
    super(`No ${timeframe} candles stored for ${symbol}: fetch, import or generate them first (npm run data -- status shows what is stored)`);
    this.name = "MissingSeriesError";
  }
}

export function requireSeries(bundle: MarketBundle, timeframe: Timeframe): CandleSeries {
  const series = bundle.series[timeframe];
  if (!series || series.length === 0) throw new MissingSeriesError(bundle.symbol, timeframe);
  return series;
}
