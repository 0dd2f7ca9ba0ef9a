import type { Exchange } from "ccxt";
import type { Candle } from "@/lib/market/candle";
import { resampleCandles } from "@/lib/market/resample-candles";
import { bucketStart, timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { causeText } from "@/lib/exchange/describe-remote-failure";
import type { FetchTarget } from "@/lib/exchange/errors";
import { EXCHANGE_TRAITS } from "@/lib/exchange/exchange-traits";
import { pageCandles } from "@/lib/exchange/page-candles";
import { exchangeIdOf, resolveMarket } from "@/lib/exchange/resolve-market";
import { parseFundingPage } from "@/lib/exchange/validate-page";
import { withRetry, type RetryOptions } from "@/lib/exchange/with-retry";
import type { ClosedBar, FundingPoint, MarketTick } from "@/lib/paper";
import { abortableSleep } from "@/lib/sleep";

const MINUTE_MS = 60_000;

/** What the live feed reports about itself: data flowing, no new 1m bar for too long, or a failed poll. */
export type LiveFeedStatus =
  | { readonly state: "live"; readonly lastBarClose: number | null }
  | { readonly state: "stale"; readonly lastBarClose: number | null; readonly sinceMs: number }
  | { readonly state: "error"; readonly message: string; readonly lastBarClose: number | null };

export interface LiveSeriesRef {
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

export interface LiveFeedOptions {
  readonly exchange: Exchange;
  /** The series to deliver (engine.requiredSeries()). 1m is always fetched (staleness, 2m); delivered only if listed. */
  readonly series: readonly LiveSeriesRef[];
  /** Close time of the last processed bar of a series (engine.lastProcessedTime); null = start with the next bar to close. */
  readonly after: (symbol: string, timeframe: Timeframe) => number | null;
  /** Time of the newest funding rate already known per symbol; null = only rates after the feed starts. */
  readonly afterFunding?: (symbol: string) => number | null;
  /** Pause between polls (ms). */
  readonly pollMs: number;
  /** How often funding rates are fetched (Kraken answers with the whole history). Default 5 min; 0 = every poll. */
  readonly fundingPollMs?: number;
  /** Wall clock (fake in tests). Default Date.now. */
  readonly now?: () => number;
  /** Waits between polls; tests advance their fake clock here. Default: a real, abortable timer. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** Backoff policy for each request (withRetry). */
  readonly retry?: RetryOptions;
  /** Called when the state changes (and for every failed poll). */
  readonly onStatus?: (status: LiveFeedStatus) => void | Promise<void>;
  readonly log?: (message: string) => void | Promise<void>;
  /** Candles per request (Kraken: at most 2000). */
  readonly pageLimit?: number;
  /**
   * How long a bar that should have closed may be missing before the ticks after it are emitted without it (the
   * exchange publishes series at slightly different moments; a close time is never split over ticks within this
   * window). Default 60 s.
   */
  readonly lagToleranceMs?: number;
  /** Stale when the newest 1m bar closed longer ago than this. Default 3 × 1m + pollMs. */
  readonly staleAfterMs?: number;
}

interface SeriesCursor {
  readonly timeframe: Timeframe;
  readonly ms: number;
  /** Open time of the next bar wanted. */
  next: number;
  readonly deliver: boolean;
}

interface SymbolState {
  readonly symbol: string;
  market: string | null;
  /** Fetched series, 1m first. */
  readonly fetched: SeriesCursor[];
  /** 2m, resampled from the fetched 1m bars; null when not needed. */
  readonly twoMinute: SeriesCursor | null;
  /** 1m bars at or after the open of the next 2m bucket (resample input). */
  minuteBuffer: Candle[];
  fundingCursor: number;
}

/**
 * Polls an exchange for closed candles and funding rates and yields them as MarketTicks, exactly shaped like the
 * replay feed's: one tick per close time holding every delivered bar closing then (1m included), in close-time
 * order, each funding rate on the first tick closing at or after it. A bar is only ever emitted once closed
 * (open + timeframe ≤ now). 2m is never fetched: it is resampled from the fetched 1m bars.
 *
 * Every request goes through withRetry (backoff with jitter on 429 / 5xx / network faults); a poll that still fails
 * is logged and reported as `error`, and polling goes on at the next interval. When no new 1m bar has closed for
 * `staleAfterMs`, the status becomes `stale`; it returns to `live` when bars flow again. Ends when `signal` aborts.
 */
export async function* liveTicks(options: LiveFeedOptions): AsyncGenerator<MarketTick> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, "resolve"));
  const { exchange, signal } = options;
  const retry: RetryOptions = { ...options.retry, signal: options.signal ?? options.retry?.signal };
  const id = exchangeIdOf(exchange);
  const pageLimit = Math.max(1, Math.min(options.pageLimit ?? EXCHANGE_TRAITS[id].maxCandlesPerPage, EXCHANGE_TRAITS[id].maxCandlesPerPage));
  const lagTolerance = options.lagToleranceMs ?? 60_000;
  const staleAfter = options.staleAfterMs ?? 3 * MINUTE_MS + options.pollMs;
  const fundingPollMs = options.fundingPollMs ?? 5 * MINUTE_MS;
  const fundingOn = EXCHANGE_TRAITS[id].fundingHistory;
  const start = now();

  // ---- cursors per symbol, from what the engine has already processed
  const bySymbol = new Map<string, LiveSeriesRef[]>();
  for (const ref of options.series) bySymbol.set(ref.symbol, [...(bySymbol.get(ref.symbol) ?? []), ref]);
  const cursorOf = (symbol: string, tf: Timeframe, deliver: boolean): SeriesCursor => {
    const ms = timeframeMs(tf);
    const after = options.after(symbol, tf);
    // the next bar opens when the last processed one closed; with nothing processed, the bar forming now
    return { timeframe: tf, ms, next: after ?? bucketStart(start, tf), deliver };
  };
  const symbols: SymbolState[] = [...bySymbol.keys()].sort().map((symbol) => {
    const tfs = new Set((bySymbol.get(symbol) ?? []).map((r) => r.timeframe));
    const fetched = [cursorOf(symbol, "1m", tfs.has("1m"))];
    for (const tf of [...tfs].sort((a, b) => timeframeMs(a) - timeframeMs(b))) if (tf !== "1m" && tf !== "2m") fetched.push(cursorOf(symbol, tf, true));
    const twoMinute = tfs.has("2m") ? cursorOf(symbol, "2m", true) : null;
    const minute = fetched[0] as SeriesCursor;
    // the 1m bars of the next 2m bucket are needed to build it, even when 1m itself is further along
    if (twoMinute && twoMinute.next < minute.next) minute.next = twoMinute.next;
    return { symbol, market: null, fetched, twoMinute, minuteBuffer: [], fundingCursor: options.afterFunding?.(symbol) ?? start };
  });

  // ---- pending output
  const pendingBars = new Map<number, ClosedBar[]>();
  let pendingFunding: FundingPoint[] = [];
  let lastEmitted = -Infinity;
  for (const s of symbols) for (const c of [...s.fetched, ...(s.twoMinute ? [s.twoMinute] : [])]) {
    const after = options.after(s.symbol, c.timeframe);
    if (after !== null) lastEmitted = Math.max(lastEmitted, after);
  }
  const push = (bar: ClosedBar) => {
    const close = bar.bar.time + timeframeMs(bar.timeframe);
    if (close <= lastEmitted) {
      void options.log?.(`live feed: ${bar.symbol} ${bar.timeframe} bar closing ${new Date(close).toISOString()} arrived after later ticks were emitted; dropped`);
      return;
    }
    pendingBars.set(close, [...(pendingBars.get(close) ?? []), bar]);
  };

  // ---- status
  let lastMinuteClose: number | null = null;
  for (const s of symbols) {
    const a = options.after(s.symbol, "1m");
    if (a !== null) lastMinuteClose = Math.max(lastMinuteClose ?? a, a);
  }
  let reported: LiveFeedStatus | null = null;
  const report = async (status: LiveFeedStatus) => {
    const same = reported !== null && reported.state === status.state && (status.state !== "error" || (reported.state === "error" && reported.message === status.message));
    if (same && status.state !== "error") return;
    reported = status;
    await options.onStatus?.(status);
  };

  const fetchClosed = async (s: SymbolState, market: string, c: SeriesCursor, t: number): Promise<Candle[]> => {
    const endMs = bucketStart(t, c.timeframe); // exclusive bound on open times: those bars are closed
    const out: Candle[] = [];
    for await (const page of pageCandles({ exchange, market, symbol: s.symbol, timeframe: c.timeframe, startMs: c.next, endMs, pageLimit, retry, mode: "poll" })) {
      out.push(...page.candles);
      c.next = page.next;
    }
    return out;
  };

  let lastFundingPoll = -Infinity;
  // 1m bars re-fetched only to rebuild a 2m bucket are not delivered again
  const minuteAfter = new Map(symbols.map((s) => [s.symbol, options.after(s.symbol, "1m") ?? -Infinity]));

  while (!signal?.aborted) {
    const t = now();
    const failures: string[] = [];
    const pollFunding = fundingOn && t - lastFundingPoll >= fundingPollMs;
    let fundingOk = true;
    for (const s of symbols) {
      try {
        s.market ??= await resolveMarket(exchange, s.symbol, retry);
        const market = s.market;
        for (const c of s.fetched) {
          const bars = await fetchClosed(s, market, c, t);
          if (c.timeframe === "1m" && bars.length > 0) {
            const close = (bars.at(-1)?.time ?? 0) + MINUTE_MS;
            lastMinuteClose = Math.max(lastMinuteClose ?? close, close);
          }
          for (const bar of bars) {
            if (c.deliver && (c.timeframe !== "1m" || bar.time + MINUTE_MS > (minuteAfter.get(s.symbol) ?? -Infinity))) {
              push({ symbol: s.symbol, timeframe: c.timeframe, bar });
            }
          }
          if (c.timeframe === "1m" && s.twoMinute) {
            const two = s.twoMinute;
            s.minuteBuffer.push(...bars.filter((b) => b.time >= two.next));
            // complete buckets, plus a trailing one that closed more than the lag tolerance ago (a 1m bar never came)
            const { candles } = resampleCandles(s.minuteBuffer, "1m", "2m", { nowMs: t - lagTolerance });
            for (const bar of candles) {
              if (bar.time < two.next || bar.time + two.ms > t) continue;
              push({ symbol: s.symbol, timeframe: "2m", bar });
              two.next = bar.time + two.ms;
            }
            s.minuteBuffer = s.minuteBuffer.filter((b) => b.time >= two.next);
          }
        }
        if (pollFunding) {
          const since = s.fundingCursor + 1;
          const target: FetchTarget = { exchange: id, what: "funding rates", symbol: s.symbol, sinceMs: since };
          const rows = await withRetry(target, () => exchange.fetchFundingRateHistory(market, since), retry);
          for (const rate of parseFundingPage(rows, target)) {
            if (rate.time <= s.fundingCursor || rate.time > t) continue;
            pendingFunding.push({ symbol: s.symbol, time: rate.time, rate: rate.rate });
            s.fundingCursor = rate.time;
          }
        }
      } catch (error) {
        if (signal?.aborted) return;
        if (pollFunding) fundingOk = false;
        // bounded: the message goes into the job's log, its progress step and the account's stored feed state
        const message = `${s.symbol}: ${causeText(error)}`;
        failures.push(message);
        await options.log?.(`live feed poll failed (retried with backoff; polling again in ${options.pollMs} ms): ${message}`);
      }
    }
    if (pollFunding && fundingOk) lastFundingPoll = t;

    // ---- emit every close time no series can still add a bar to
    let horizon = Infinity;
    for (const s of symbols) {
      for (const c of [...s.fetched, ...(s.twoMinute ? [s.twoMinute] : [])]) {
        if (!c.deliver) continue;
        const nextClose = c.next + c.ms;
        if (t < nextClose + lagTolerance) horizon = Math.min(horizon, nextClose);
      }
    }
    const ready = [...pendingBars.keys()].filter((close) => close < horizon).sort((a, b) => a - b);
    for (const closeTime of ready) {
      const bars = (pendingBars.get(closeTime) ?? []).sort((a, b) =>
        a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : timeframeMs(a.timeframe) - timeframeMs(b.timeframe),
      );
      pendingBars.delete(closeTime);
      const funding = pendingFunding.filter((f) => f.time <= closeTime).sort((a, b) => a.time - b.time || (a.symbol < b.symbol ? -1 : 1));
      pendingFunding = pendingFunding.filter((f) => f.time > closeTime);
      lastEmitted = closeTime;
      if (signal?.aborted) return;
      yield funding.length > 0 ? { closeTime, bars, funding } : { closeTime, bars };
    }

    // ---- status after the poll
    const since = t - (lastMinuteClose ?? start);
    if (failures.length > 0) await report({ state: "error", message: failures.join("; "), lastBarClose: lastMinuteClose });
    else if (since > staleAfter) await report({ state: "stale", lastBarClose: lastMinuteClose, sinceMs: since });
    else await report({ state: "live", lastBarClose: lastMinuteClose });

    if (signal?.aborted) return;
    await sleep(options.pollMs, signal);
  }
}
