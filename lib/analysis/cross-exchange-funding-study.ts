import type { CrossExchangeSeries } from "@/lib/market/parse-cross-exchange-csv";
import { toFundingSeries } from "@/lib/market/series";
import { fundingIntervalMs } from "./funding-classification";
import { type FundingStudy, type FundingStudyOptions, fundingReversalStudy } from "./funding-study";

export interface MarketFundingStudy {
  readonly exchange: string;
  readonly crypto: string;
  readonly pair: string;
  /** Open time of the first candle and close time of the last (epoch ms). */
  readonly from: number;
  readonly to: number;
  readonly candles: number;
  readonly barMs: number;
  /**
   * Funding events not on the interval's UTC grid (00:00, 08:00, 16:00 for 8h). Exchanges settle on it, so any here
   * mean the file's times were read in the wrong zone.
   */
  readonly eventsOffUtcGrid: number;
  readonly study: FundingStudy;
}

/**
 * The funding reversal study on every perpetual market of a cross-exchange file, each on its own candles: the price
 * after a settlement is read from the same contract that paid it. Markets without two funding rates are left out.
 */
export function studyPerpetualMarkets(markets: readonly CrossExchangeSeries[], options: FundingStudyOptions = {}): MarketFundingStudy[] {
  return markets
    .filter((m) => m.contract === "perpetual" && m.funding.length > 1 && m.candles.length > 1)
    .map((m) => {
      const funding = toFundingSeries(`${m.exchange} ${m.pair}`, m.funding);
      const time = Float64Array.from(m.candles, (c) => c.time);
      // Bars as long as their median spacing: the same robust reading that detects funding intervals.
      const barMs = fundingIntervalMs({ time, length: time.length });
      const intervalMs = fundingIntervalMs(funding);
      return {
        exchange: m.exchange,
        crypto: m.crypto,
        pair: m.pair,
        from: time[0] ?? NaN,
        to: (time[time.length - 1] ?? NaN) + barMs,
        candles: time.length,
        barMs,
        eventsOffUtcGrid: m.funding.filter((r) => r.time % intervalMs !== 0).length,
        study: fundingReversalStudy(funding, { length: time.length, time, close: Float64Array.from(m.candles, (c) => c.close), barMs }, options),
      };
    });
}
