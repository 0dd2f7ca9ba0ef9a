import type { Exchange } from "ccxt";
import type { Candle } from "@/lib/market/candle";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import type { FetchTarget } from "./errors";
import { exchangeIdOf } from "./resolve-market";
import { parseCandlePage } from "./validate-page";
import { withRetry, type RetryOptions } from "./with-retry";

/**
 * How the cursor moves after a page. `backfill` walks history to the end: it goes on after the page's last bar, and
 * a page with nothing at or after the cursor is a gap, skipped a whole page window at a time. `poll` takes the bars
 * closed since the last poll and will ask again later: it goes on after the last bar it kept, skips an empty window
 * only when it ends before `endMs` (a gap), and otherwise stays where it is (the next bar is not published yet).
 */
export type PagingMode = "backfill" | "poll";

export interface PageCandlesOptions {
  readonly exchange: Exchange;
  /** The ccxt market (resolveMarket). */
  readonly market: string;
  /** System symbol, e.g. `BTCUSDT.P`: names the series in errors. */
  readonly symbol: string;
  readonly timeframe: Timeframe;
  /** Open time of the first bar wanted. */
  readonly startMs: number;
  /** Exclusive bound on open times. */
  readonly endMs: number;
  /** Candles per request, already capped at the exchange's maximum. */
  readonly pageLimit: number;
  /** Backoff for each request; its signal aborts between pages too. */
  readonly retry: RetryOptions;
  readonly mode: PagingMode;
}

export interface CandlePage {
  /** Open time the request started at. */
  readonly since: number;
  /** The page's validated bars in [since, endMs). */
  readonly candles: Candle[];
  /** Open time of the next bar wanted. */
  readonly next: number;
}

function nextCursor(mode: PagingMode, page: readonly Candle[], candles: readonly Candle[], since: number, endMs: number, window: number, barMs: number): number {
  if (mode === "backfill") {
    const lastTime = page.at(-1)?.time;
    // a short page (server cap) continues after its last bar; an empty one is a gap: skip the whole window
    return lastTime !== undefined && lastTime >= since ? lastTime + barMs : since + window;
  }
  const last = candles.at(-1);
  if (last !== undefined) return last.time + barMs;
  // nothing after `since` in a whole page window: a gap in the exchange's data, skip it; else not published yet
  return page.length === 0 && since + window < endMs ? since + window : since;
}

/**
 * Walks fetchOHLCV over [startMs, endMs) page by page, each request through withRetry and each page validated, and
 * yields a page before asking for the next, so the caller can commit it first. Ends at `endMs`, or where `poll` stays.
 */
export async function* pageCandles(options: PageCandlesOptions): AsyncGenerator<CandlePage> {
  const { exchange, market, symbol, timeframe, endMs, pageLimit, retry, mode } = options;
  const id = exchangeIdOf(exchange);
  const barMs = timeframeMs(timeframe);
  let cursor = options.startMs;
  while (cursor < endMs) {
    retry.signal?.throwIfAborted();
    const since = cursor;
    const target: FetchTarget = { exchange: id, what: "candles", symbol, timeframe, sinceMs: since };
    const rows = await withRetry(target, () => exchange.fetchOHLCV(market, timeframe, since, pageLimit), retry);
    const page = parseCandlePage(rows, target, timeframe);
    const candles = page.filter((candle) => candle.time >= since && candle.time < endMs);
    const next = nextCursor(mode, page, candles, since, endMs, pageLimit * barMs, barMs);
    yield { since, candles, next };
    if (next === since) return;
    cursor = next;
  }
}
