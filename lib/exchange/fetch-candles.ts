import type { Exchange } from "ccxt";
import { bucketStart, timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import type { CandleSink } from "./candle-sink";
import { NotFetchableTimeframeError, UnsupportedFeatureError } from "./errors";
import { EXCHANGE_TRAITS } from "./exchange-traits";
import { pageCandles } from "./page-candles";
import { exchangeIdOf, resolveMarket } from "./resolve-market";
import type { RetryOptions } from "./with-retry";

export interface FetchCandlesProgress {
  symbol: string;
  timeframe: Timeframe;
  /** Open time the next page starts at. */
  cursorMs: number;
  startMs: number;
  endMs: number;
  pages: number;
  written: number;
  /** 0..1 of the time range covered so far. */
  fraction: number;
}

export interface FetchCandlesOptions {
  exchange: Exchange;
  /** System symbol, e.g. `BTCUSDT.P`. */
  symbol: string;
  timeframe: Timeframe;
  /** Where an empty series starts. A series with stored candles resumes after its newest one instead. */
  sinceMs: number;
  /** Exclusive bound on candle open times. Default: now (only closed candles are ever stored). */
  untilMs?: number;
  sink: CandleSink;
  onProgress?: (progress: FetchCandlesProgress) => void;
  /** Candles per request; capped at the exchange's maximum (Kraken: 2000). */
  pageLimit?: number;
  retry?: RetryOptions;
  /** Aborts between pages (and during backoff sleeps); committed pages stay committed. */
  signal?: AbortSignal;
  now?: () => number;
}

export interface FetchCandlesResult {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  /** Open time the fetch started at (after resuming). */
  startMs: number;
  endMs: number;
  pages: number;
  written: number;
}

/**
 * Walks fetchOHLCV over [start, end) page by page, committing each validated page to the sink before asking for
 * the next, so a fetch killed at any point resumes from the sink without holes or duplicates.
 */
export async function fetchCandles(options: FetchCandlesOptions): Promise<FetchCandlesResult> {
  const { exchange, symbol, timeframe, sink } = options;
  if (timeframe === "2m") throw new NotFetchableTimeframeError(timeframe);
  const id = exchangeIdOf(exchange);
  const traits = EXCHANGE_TRAITS[id];
  if (!traits.candleHistory) {
    throw new UnsupportedFeatureError(id, "candle history", `${id}'s candle endpoint takes no time range, so it cannot backfill ${symbol} ${timeframe} history`);
  }
  const signal = options.signal ?? options.retry?.signal;
  const retry = { ...options.retry, signal };
  const market = await resolveMarket(exchange, symbol, retry);
  const tfMs = timeframeMs(timeframe);
  const pageLimit = Math.max(1, Math.min(options.pageLimit ?? traits.maxCandlesPerPage, traits.maxCandlesPerPage));
  const now = (options.now ?? Date.now)();
  // the bar containing `now` is still forming: everything before its open time is closed
  const endMs = Math.min(options.untilMs ?? Number.POSITIVE_INFINITY, bucketStart(now, timeframe));
  const last = await sink.lastCandleTime(symbol, timeframe);
  const startMs = last === undefined ? bucketStart(options.sinceMs, timeframe) : last + tfMs;

  let pages = 0;
  let written = 0;
  for await (const page of pageCandles({ exchange, market, symbol, timeframe, startMs, endMs, pageLimit, retry, mode: "backfill" })) {
    if (page.candles.length > 0) {
      await sink.writeCandles(symbol, timeframe, page.candles);
      written += page.candles.length;
    }
    pages++;
    const span = endMs - startMs;
    options.onProgress?.({
      symbol, timeframe, cursorMs: page.next, startMs, endMs, pages, written,
      fraction: span > 0 ? Math.min(1, (page.next - startMs) / span) : 1,
    });
  }
  return { exchange: id, symbol, timeframe, startMs, endMs, pages, written };
}
