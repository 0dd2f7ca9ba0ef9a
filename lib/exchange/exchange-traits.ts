import type { ExchangeId } from "./symbol-map";

/** What each exchange can serve for a historical backfill, as read from ccxt's implementation. */
export interface ExchangeTraits {
  /** fetchOHLCV honours `since`, so history can be walked page by page. */
  candleHistory: boolean;
  /** Most candles one request returns (ccxt caps its own `limit` there). */
  maxCandlesPerPage: number;
  fundingHistory: boolean;
}

export const EXCHANGE_TRAITS: Record<ExchangeId, ExchangeTraits> = {
  // charts/v1/{price_type}/{symbol}/{interval}?from&to (seconds); ccxt caps limit at 2000
  krakenfutures: { candleHistory: true, maxCandlesPerPage: 2000, fundingHistory: true },
  // v2/candles/{symbol}/{tf} takes no time range (recent bars only); ccxt has no fetchFundingRateHistory for it
  gemini: { candleHistory: false, maxCandlesPerPage: 0, fundingHistory: false },
};
