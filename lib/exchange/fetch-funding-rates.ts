import type { Exchange } from "ccxt";
import type { CandleSink } from "./candle-sink";
import { UnsupportedFeatureError, type FetchTarget } from "./errors";
import { EXCHANGE_TRAITS } from "./exchange-traits";
import { exchangeIdOf, resolveMarket } from "./resolve-market";
import { parseFundingPage } from "./validate-page";
import { withRetry, type RetryOptions } from "./with-retry";

/** Rows per sink write: Kraken answers with a market's whole history at once (years of hourly rates). */
const WRITE_CHUNK = 2000;

export interface FetchFundingProgress {
  symbol: string;
  cursorMs: number;
  pages: number;
  written: number;
}

export interface FetchFundingRatesOptions {
  exchange: Exchange;
  /** System symbol, e.g. `BTCUSDT.P`. */
  symbol: string;
  /** Where an empty series starts; a stored series resumes after its newest rate instead. */
  sinceMs: number;
  /** Exclusive bound on rate times. Default: now. */
  untilMs?: number;
  sink: CandleSink;
  onProgress?: (progress: FetchFundingProgress) => void;
  /**
   * Rates per request, for exchanges that page funding history server-side. Kraken takes no range or limit
   * (one request returns everything; ccxt filters by `since`), so leave it unset there: one request, done.
   */
  pageLimit?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
  now?: () => number;
}

export interface FetchFundingRatesResult {
  exchange: string;
  symbol: string;
  startMs: number;
  pages: number;
  written: number;
}

/** Incremental funding-rate history: resumes after the sink's newest rate, commits as it goes. */
export async function fetchFundingRates(options: FetchFundingRatesOptions): Promise<FetchFundingRatesResult> {
  const { exchange, symbol, sink, pageLimit } = options;
  const id = exchangeIdOf(exchange);
  if (!EXCHANGE_TRAITS[id].fundingHistory) {
    throw new UnsupportedFeatureError(id, "funding-rate history", `${id} offers no funding-rate history (ccxt has no fetchFundingRateHistory for it); fetch ${symbol} funding from another exchange`);
  }
  const signal = options.signal ?? options.retry?.signal;
  const retry = { ...options.retry, signal };
  const market = await resolveMarket(exchange, symbol, retry);
  const now = (options.now ?? Date.now)();
  const endMs = Math.min(options.untilMs ?? Number.POSITIVE_INFINITY, now + 1);
  const last = await sink.lastFundingTime(symbol);
  const startMs = last === undefined ? options.sinceMs : last + 1;

  let cursor = startMs;
  let pages = 0;
  let written = 0;
  while (cursor < endMs) {
    signal?.throwIfAborted();
    const target: FetchTarget = { exchange: id, what: "funding rates", symbol, sinceMs: cursor };
    const since = cursor;
    const rows = await withRetry(target, () => exchange.fetchFundingRateHistory(market, since, pageLimit), retry);
    const page = parseFundingPage(rows, target);
    const fresh = page.filter((rate) => rate.time >= since && rate.time < endMs);
    for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
      await sink.writeFundingRates(symbol, fresh.slice(i, i + WRITE_CHUNK));
    }
    written += fresh.length;
    pages++;
    const lastTime = page.at(-1)?.time;
    options.onProgress?.({ symbol, cursorMs: lastTime ?? cursor, pages, written });
    const fullPage = pageLimit !== undefined && page.length >= pageLimit;
    if (!fullPage || lastTime === undefined || lastTime < since) break;
    cursor = lastTime + 1;
  }
  return { exchange: id, symbol, startMs, pages, written };
}
