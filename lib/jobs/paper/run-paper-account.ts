import type { Database } from "@/db/client";
import {
  getAccount,
  markAccountFinished,
  persistTick,
  readAccountControl,
  setAccountStatus,
  setPaperFeedStatus,
  type LiveFeedState,
  type PaperAccountStatus,
  type StoredPaperState,
} from "@/db/queries/paper";
import { errorMessage } from "@/lib/error-message";
import { createExchange } from "@/lib/exchange/create-exchange";
import { fetchCandles } from "@/lib/exchange/fetch-candles";
import { fetchFundingRates } from "@/lib/exchange/fetch-funding-rates";
import { MemoryCandleSink } from "@/lib/exchange/memory-candle-sink";
import type { RetryOptions } from "@/lib/exchange/with-retry";
import { resampleSeries } from "@/lib/market/resample-candles";
import { toCandleSeries, toFundingSeries, truncateSeries, type CandleSeries } from "@/lib/market/series";
import { type Timeframe, timeframeMs } from "@/lib/market/timeframe";
import { formatUtcMinute } from "@/lib/format";
import { PaperEngine, replayTicks, replayTicksAsync, type PaperConfig, type PaperEvent } from "@/lib/paper";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { abortableSleep } from "@/lib/sleep";
import { JobCancelledError } from "../job-context";
import { loadMarketBundle } from "../load-market-bundle";
import type { ProgressReporter } from "../progress-reporter";
import { readAccountSettings, readStoredState, type PaperAccountSettings } from "./account-settings";
import { PaperAccountError } from "./errors";
import { liveTicks, type LiveFeedStatus } from "./live-feed";
import { supersededError, takeAccount } from "./take-account";

export interface PaperRunOptions {
  readonly progress: ProgressReporter;
  readonly log?: (message: string) => Promise<void>;
  /** Aborting stops after the tick being processed is committed (Ctrl-C in the CLI); the account can be resumed. */
  readonly signal?: AbortSignal;
  /** How often the account's status is read between ticks (pause / stop from another process). Default 250 ms. */
  readonly statusPollMs?: number;
  /** The job driving the run: it claims the account, and stops (writing nothing more) once it no longer drives it. */
  readonly jobId?: string;
  /** Called after every committed tick (tests use it to interrupt a run at a chosen point). */
  readonly onCommit?: (committed: number) => void;
  /** Live feed only: an emulator's base URL instead of Kraken Futures (CLI `--base-url`, tests). */
  readonly exchangeBaseUrl?: string;
  /** Live feed only: read Kraken's demo environment (a demo live account's feed), not production. */
  readonly exchangeSandbox?: boolean;
  /** Live feed only: executes the engine's decisions with real orders (a live account); without it, paper only. */
  readonly trader?: TickTrader;
  /** Live feed only: pause between exchange polls. Default 15 s. */
  readonly livePollMs?: number;
  /** Live feed only: the wall clock and the wait between polls (tests drive a fake clock). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly retry?: RetryOptions;
}

/**
 * What a live account adds to the live feed's loop: the engine decides, the trader sends. Each tick's decisions are
 * executed before the tick is committed: a crash in between replays the tick, and the orders' deterministic ids find
 * what was already sent instead of sending it again.
 */
export interface TickTrader {
  /** Once the engine is warm, before the first tick: the first reconciliation, the dead man's switch. */
  begin(engine: PaperEngine): Promise<void>;
  onTick(events: readonly PaperEvent[], engine: PaperEngine): Promise<void>;
  /** Between polls, many times a second at most: the trader's own timers (reconciliation, the switch, a halt). */
  heartbeat(): Promise<void>;
  /** The live feed changed state (live, stale, error): a trader alerts on a feed it cannot trust. */
  feedStatus(status: LiveFeedStatus): Promise<void>;
  /** The loop ended (stopped, aborted, failed): `clean` when it ended on request. */
  end(clean: boolean): Promise<void>;
}

export interface PaperRunResult {
  readonly accountId: string;
  /** `end`: the replay reached the end of its period; `stop`: stopped by status; `abort`: the signal fired. */
  readonly endedBy: "end" | "stop" | "abort";
  readonly ticks: number;
  readonly committedTicks: number;
  readonly bars: number;
  readonly trades: number;
  readonly seconds: number;
  readonly barsPerSecond: number;
  readonly lastProcessedTime: number | null;
}

/** The engine configuration an account's frozen settings describe. */
export function paperConfigOf(settings: PaperAccountSettings): PaperConfig {
  const byId = new Map<string, Hypothesis>(settings.hypotheses.map((h) => [h.id, h]));
  return {
    legs: settings.legs.map((l) => {
      const hypothesis = byId.get(l.hypothesisId);
      if (!hypothesis) throw new PaperAccountError("PAPER_CORRUPT_ACCOUNT", `leg ${l.id} names hypothesis ${l.hypothesisId}, which the account's settings do not hold`);
      return { id: l.id, symbol: l.symbol, hypothesis };
    }),
    settings: settings.portfolio,
    regime: settings.regime,
    minuteBars: settings.minuteBars,
  };
}

/** Every series the engine reads, grouped per instrument. */
export function requiredTimeframes(config: PaperConfig): Map<string, Timeframe[]> {
  const out = new Map<string, Timeframe[]>();
  for (const ref of new PaperEngine(config).requiredSeries()) out.set(ref.symbol, [...(out.get(ref.symbol) ?? []), ref.timeframe]);
  return out;
}

/** The part of a bundle known at `time`: bars closed by then and funding charged by then (the warm-up history). */
function knownAt(bundle: MarketBundle, time: number): MarketBundle {
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const [tf, s] of Object.entries(bundle.series) as [Timeframe, CandleSeries | undefined][]) {
    if (!s) continue;
    const ms = timeframeMs(tf);
    let n = 0;
    while (n < s.length && (s.time[n] ?? Infinity) + ms <= time) n++;
    series[tf] = truncateSeries(s, n);
  }
  let f = 0;
  while (f < bundle.funding.length && (bundle.funding.time[f] ?? Infinity) <= time) f++;
  const funding = { ...bundle.funding, length: f, time: bundle.funding.time.subarray(0, f), rate: bundle.funding.rate.subarray(0, f) };
  return { symbol: bundle.symbol, series, funding };
}

/** The account's status as the loop acts on it; throws once this run's job no longer drives the account. */
async function readStatus(db: Database, accountId: string, jobId: string | undefined): Promise<PaperAccountStatus | undefined> {
  const control = await readAccountControl(db, accountId, jobId);
  if (control && !control.driving) throw supersededError(accountId, jobId);
  return control?.status;
}

/** Loads the account's market data: the replay period plus its warm-up, every series the engine reads. */
export async function loadAccountBundles(db: Database, settings: PaperAccountSettings, config: PaperConfig): Promise<MarketBundle[]> {
  const bundles: MarketBundle[] = [];
  for (const [symbol, tfs] of requiredTimeframes(config)) {
    bundles.push(await loadMarketBundle(db, symbol, tfs, { fromMs: settings.warmupFrom, toMs: settings.to }));
  }
  return bundles;
}

/**
 * Drives one paper account with the replay feed until its period ends, its status becomes `stopped`, or `signal`
 * aborts: restores the engine from the stored snapshot (or starts it on the warm-up history), plays the stored
 * candles after `lastProcessedTime` at the account's pace, and commits every tick that traded through persistTick
 * (ticks carrying only bars no leg trades on change nothing stored; after a restart they are simply fed again).
 * While the status is `paused` it waits, polling. Marks the account `stopped` at the end, `halted` on a failure.
 * With a job, the job first claims the account (refused while another live job drives it) and the run stops, writing
 * nothing more, once the job no longer drives it.
 */
export async function runPaperAccount(db: Database, accountId: string, options: PaperRunOptions): Promise<PaperRunResult> {
  await takeAccount(db, accountId, options.jobId);
  const account = await getAccount(db, accountId);
  if (!account) throw new PaperAccountError("PAPER_ACCOUNT_NOT_FOUND", `no paper account ${accountId}`, { field: "account" });
  const started = performance.now();
  try {
    const settings = readAccountSettings(account.settings);
    if (settings.feed === "live") return await liveAccount(db, accountId, settings, readStoredState(account.state), options, started);
    return await replayAccount(db, accountId, settings, readStoredState(account.state), account.lastProcessedTime, options, started);
  } catch (error) {
    // The account is another job's now (or nobody's, shown stopped): its status is not this run's to write.
    if (error instanceof PaperAccountError && error.code === "PAPER_SUPERSEDED") throw error;
    if (error instanceof JobCancelledError) {
      await setAccountStatus(db, accountId, "stopped", { error: null });
      throw error;
    }
    const message = errorMessage(error);
    await setAccountStatus(db, accountId, "halted", { error: message }).catch(() => undefined);
    throw error;
  }
}

async function replayAccount(
  db: Database,
  accountId: string,
  settings: PaperAccountSettings,
  stored: StoredPaperState | null,
  lastProcessed: number | null,
  options: PaperRunOptions,
  started: number,
): Promise<PaperRunResult> {
  const config = paperConfigOf(settings);
  const bundles = await loadAccountBundles(db, settings, config);
  if (bundles.every((b) => Object.values(b.series).every((s) => !s || s.length === 0))) {
    throw new PaperAccountError("PAPER_NO_DATA", "no stored candles for the account's instruments in its period");
  }
  // Signals computed once on the stored data: the feed is exactly that data, from the same first bar.
  const replayConfig: PaperConfig = { ...config, replayData: bundles };
  const engine =
    stored !== null ? PaperEngine.restore(stored.engine, replayConfig, bundles) : new PaperEngine(replayConfig, bundles.map((b) => knownAt(b, settings.from)));
  const after = stored !== null && lastProcessed !== null ? lastProcessed : settings.from;

  let total = 0;
  let done = 0;
  for (const tick of replayTicks(bundles, { after: settings.from })) {
    total++;
    if (tick.closeTime <= after) done++;
  }
  await options.log?.(`replaying ${total - done} of ${total} ticks after ${new Date(after).toISOString()}${stored ? " (resumed from the saved state)" : ""}`);

  const pollMs = options.statusPollMs ?? 250;
  let ids: Pick<StoredPaperState, "orders" | "positions"> = stored ?? { orders: {}, positions: {} };
  let ticks = 0;
  let committed = 0;
  let bars = 0;
  let trades = 0;
  let lastCommitted: number | null = lastProcessed;
  let lastPoll = performance.now();
  let lastProgress = 0;
  let windowStart = { at: performance.now(), bars: 0 };
  let barsPerSecond: number | null = stored?.feed.barsPerSecond ?? null;
  let endedBy: PaperRunResult["endedBy"] = "end";
  const pace = `${settings.speedMs} ms per bar`;

  outer: for await (const tick of replayTicksAsync(bundles, { after, delayMs: settings.speedMs, signal: options.signal, endOfData: true })) {
    const events = engine.onTick(tick);
    ticks++;
    done++;
    bars += tick.bars.length;
    const now = performance.now();
    if (now - windowStart.at >= 2_000) {
      barsPerSecond = ((bars - windowStart.bars) * 1000) / (now - windowStart.at);
      windowStart = { at: now, bars };
    }
    if (events.length > 0) {
      for (const e of events) if (e.type === "position_closed") trades++;
      const feed = { updatedAt: Date.now(), barsPerSecond: barsPerSecond ?? (bars * 1000) / Math.max(1, now - started), bars };
      const written = await persistTick(db, accountId, events, engine.snapshot(), tick.closeTime, ids, feed, options.jobId);
      if (!written) throw supersededError(accountId, options.jobId);
      ids = written;
      committed++;
      lastCommitted = tick.closeTime;
      options.onCommit?.(committed);
    }
    if (now - lastProgress >= 200 || done === total) {
      lastProgress = now;
      await options.progress(done, total, `replaying at ${pace}; last bar closed ${formatUtcMinute(tick.closeTime)}`);
    }
    if (options.signal?.aborted) break;
    if (performance.now() - lastPoll >= pollMs) {
      lastPoll = performance.now();
      let status = await readStatus(db, accountId, options.jobId);
      while (status === "paused" && !options.signal?.aborted) {
        await options.progress(done, total, "paused");
        await abortableSleep(Math.max(pollMs, 200), options.signal, "resolve");
        status = await readStatus(db, accountId, options.jobId);
      }
      if (status === "stopped" || status === "halted" || status === undefined) {
        endedBy = "stop";
        break outer;
      }
    }
  }
  if (endedBy === "end" && options.signal?.aborted) endedBy = "abort";
  if (endedBy === "end") await markAccountFinished(db, accountId);
  else await setAccountStatus(db, accountId, "stopped", { error: null });
  const seconds = (performance.now() - started) / 1000;
  if (endedBy === "end") await options.progress(total, total, "replay finished");
  return { accountId, endedBy, ticks, committedTicks: committed, bars, trades, seconds, barsPerSecond: bars / Math.max(seconds, 1e-9), lastProcessedTime: lastCommitted };
}

/** Fetches an instrument's history from the exchange into a bundle (warm-up, or the bars a saved engine holds). */
async function fetchBundle(
  exchange: ReturnType<typeof createExchange>,
  symbol: string,
  tfs: readonly Timeframe[],
  fromMs: number,
  nowMs: number,
  retry: RetryOptions,
  signal?: AbortSignal,
): Promise<MarketBundle> {
  const sink = new MemoryCandleSink();
  const fetched = new Set<Timeframe>(["1m", ...tfs.filter((tf) => tf !== "2m")]);
  for (const tf of fetched) await fetchCandles({ exchange, symbol, timeframe: tf, sinceMs: fromMs, sink, retry, signal, now: () => nowMs });
  await fetchFundingRates({ exchange, symbol, sinceMs: fromMs, sink, retry, signal, now: () => nowMs });
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  const minute = toCandleSeries(symbol, "1m", sink.candles(symbol, "1m"));
  for (const tf of tfs) {
    series[tf] = tf === "2m" ? resampleSeries(minute, "2m", { nowMs }).series : toCandleSeries(symbol, tf, sink.candles(symbol, tf));
  }
  return { symbol, series, funding: toFundingSeries(symbol, sink.fundingRates(symbol)) };
}

/**
 * Drives one paper account with the live exchange feed (Kraken Futures through ccxt) until it is stopped or `signal`
 * aborts: warms the engine up on fetched history (or restores it, refetching the bars its snapshot holds), then
 * polls for closed candles and funding and commits every tick that traded through persistTick, exactly as a replay.
 * The feed's state (live / stale / error) is written into the account's stored state for the monitor.
 */
async function liveAccount(
  db: Database,
  accountId: string,
  settings: PaperAccountSettings,
  stored: StoredPaperState | null,
  options: PaperRunOptions,
  started: number,
): Promise<PaperRunResult> {
  const now = options.now ?? Date.now;
  const config = paperConfigOf(settings);
  const exchange = createExchange({ ...(options.exchangeBaseUrl ? { baseUrl: options.exchangeBaseUrl } : {}), sandbox: options.exchangeSandbox === true });
  const retry: RetryOptions = { ...options.retry, signal: options.signal };
  const t0 = now();
  const firstTimes = (stored?.engine.series ?? []).flatMap((s) => (s.firstTime === null ? [] : [s.firstTime]));
  const fromMs = Math.min(t0 - (settings.from - settings.warmupFrom), ...firstTimes);
  await options.log?.(`live feed: fetching history from ${new Date(fromMs).toISOString()}${stored ? " (resuming from the saved state)" : " (warm-up)"}`);
  const bundles: MarketBundle[] = [];
  for (const [symbol, tfs] of requiredTimeframes(config)) bundles.push(await fetchBundle(exchange, symbol, tfs, fromMs, t0, retry, options.signal));
  const engine = stored !== null ? PaperEngine.restore(stored.engine, config, bundles) : new PaperEngine(config, bundles);
  const trader = options.trader;
  await trader?.begin(engine);

  let live: LiveFeedState = { state: "live", at: Date.now(), lastBarClose: null };
  let ids: Pick<StoredPaperState, "orders" | "positions"> = stored ?? { orders: {}, positions: {} };
  let bars = stored?.feed.bars ?? 0;
  const feedOf = (): StoredPaperState["feed"] => ({ updatedAt: Date.now(), barsPerSecond: null, bars, live });
  const lastCloseOf = () => Math.max(...engine.requiredSeries().map((r) => engine.lastProcessedTime(r.symbol, r.timeframe) ?? -Infinity));
  let lastCommitted: number | null = Number.isFinite(lastCloseOf()) ? lastCloseOf() : null;
  // a state from the start, so the feed status has somewhere to live before the first trade
  if (stored === null) {
    const written = await persistTick(db, accountId, [], engine.snapshot(), lastCommitted ?? t0, ids, feedOf(), options.jobId);
    if (!written) throw supersededError(accountId, options.jobId);
    ids = written;
  }

  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const statusPollMs = options.statusPollMs ?? 250;
  let endedBy: PaperRunResult["endedBy"] = "end";
  // between polls: watch the account's status (pause holds the feed, stop ends it)
  const wait = async (ms: number): Promise<void> => {
    const baseSleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, "resolve"));
    let left = ms;
    while (!stop.signal.aborted) {
      await trader?.heartbeat();
      const status = await readStatus(db, accountId, options.jobId);
      if (status === "stopped" || status === "halted" || status === undefined) {
        endedBy = "stop";
        stop.abort();
        return;
      }
      if (status !== "paused" && left <= 0) return;
      const step = status === "paused" ? Math.max(statusPollMs, 200) : Math.min(left, Math.max(statusPollMs, 1));
      await baseSleep(step, stop.signal);
      if (status !== "paused") left -= step;
    }
  };

  let ticks = 0;
  let committed = 0;
  let trades = 0;
  const onStatus = async (s: LiveFeedStatus) => {
    live = { state: s.state, at: Date.now(), lastBarClose: s.lastBarClose, ...(s.state === "stale" ? { sinceMs: s.sinceMs } : {}), ...(s.state === "error" ? { message: s.message } : {}) };
    await setPaperFeedStatus(db, accountId, live);
    await trader?.feedStatus(s);
    const last = s.lastBarClose === null ? "—" : formatUtcMinute(s.lastBarClose);
    await options.progress(ticks, ticks, `live feed ${s.state}${s.state === "error" ? `: ${s.message}` : ""}; last 1m bar closed ${last}`);
  };
  try {
    for await (const tick of liveTicks({
      exchange,
      series: engine.requiredSeries(),
      after: (symbol, tf) => engine.lastProcessedTime(symbol, tf),
      afterFunding: (symbol) => {
        const f = bundles.find((b) => b.symbol === symbol)?.funding;
        return f && f.length > 0 ? (f.time[f.length - 1] ?? null) : null;
      },
      pollMs: options.livePollMs ?? 15_000,
      now,
      sleep: (ms) => wait(ms),
      signal: stop.signal,
      retry,
      onStatus,
      log: (m) => options.log?.(m),
    })) {
      const events = engine.onTick(tick);
      ticks++;
      bars += tick.bars.length;
      await trader?.onTick(events, engine);
      if (events.length > 0) {
        for (const e of events) if (e.type === "position_closed") trades++;
        const written = await persistTick(db, accountId, events, engine.snapshot(), tick.closeTime, ids, feedOf(), options.jobId);
        if (!written) throw supersededError(accountId, options.jobId);
        ids = written;
        committed++;
        lastCommitted = tick.closeTime;
        options.onCommit?.(committed);
      }
    }
  } catch (error) {
    await trader?.end(false);
    throw error;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  await trader?.end(true);
  if (endedBy === "end") endedBy = options.signal?.aborted ? "abort" : "stop";
  await setAccountStatus(db, accountId, "stopped", { error: null });
  const seconds = (performance.now() - started) / 1000;
  return { accountId, endedBy, ticks, committedTicks: committed, bars, trades, seconds, barsPerSecond: bars / Math.max(seconds, 1e-9), lastProcessedTime: lastCommitted };
}
