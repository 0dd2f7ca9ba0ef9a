import type { Database } from "@/db/client";
import {
  getAccount,
  markAccountFinished,
  persistTick,
  setAccountStatus,
  setPaperFeedStatus,
  type LiveFeedState,
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
import { PaperEngine, replayTicks, replayTicksAsync, type PaperConfig } from "@/lib/paper";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { JobCancelledError } from "../job-context";
import { loadMarketBundle } from "../load-market-bundle";
import type { ProgressReporter } from "../progress-reporter";
import { readAccountSettings, readStoredState, type PaperAccountSettings } from "./account-settings";
import { PaperAccountError } from "./errors";
import { liveTicks, type LiveFeedStatus } from "./live-feed";
import { driveAccount, type AccountFeed, type DriveOptions, type DriveResult, type TickTrader } from "./drive-account";
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
      const versions = settings.models.find((m) => m.legId === l.id)?.versions;
      return { id: l.id, symbol: l.symbol, hypothesis, ...(versions ? { learned: { versions, settings: settings.portfolio } } : {}) };
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

  let lastProgress = 0;
  let bars = 0;
  let windowStart = { at: performance.now(), bars: 0 };
  let barsPerSecond: number | null = stored?.feed.barsPerSecond ?? null;
  const pace = `${settings.speedMs} ms per bar`;
  const feed: AccountFeed = {
    async *ticks(wait, stop) {
      for await (const tick of replayTicksAsync(bundles, { after, delayMs: settings.speedMs, signal: stop, endOfData: true })) {
        yield tick;
        await wait(0);
      }
    },
    state: (barsSoFar) => {
      bars = barsSoFar;
      const now = performance.now();
      if (now - windowStart.at >= 2_000) {
        barsPerSecond = ((bars - windowStart.bars) * 1000) / (now - windowStart.at);
        windowStart = { at: now, bars };
      }
      return { updatedAt: Date.now(), barsPerSecond: barsPerSecond ?? (bars * 1000) / Math.max(1, now - started), bars };
    },
    afterTick: async (tick) => {
      done++;
      const now = performance.now();
      if (now - lastProgress >= 200 || done === total) {
        lastProgress = now;
        await options.progress(done, total, `replaying at ${pace}; last bar closed ${formatUtcMinute(tick.closeTime)}`);
      }
    },
    paused: () => options.progress(done, total, "paused"),
  };
  const run = await driveAccount(db, accountId, engine, feed, stored ?? { orders: {}, positions: {} }, lastProcessed, {
    statusPollMs: options.statusPollMs ?? 250,
    now: () => performance.now(),
    ...driveOptions(options),
  });
  if (run.endedBy === "end") await markAccountFinished(db, accountId);
  else await setAccountStatus(db, accountId, "stopped", { error: null });
  if (run.endedBy === "end") await options.progress(total, total, "replay finished");
  return runResult(accountId, run, started);
}

/** What both feeds pass on to the loop from the run's options. */
function driveOptions(options: PaperRunOptions): Pick<DriveOptions, "jobId" | "signal" | "trader" | "onCommit"> {
  return { ...(options.jobId ? { jobId: options.jobId } : {}), ...(options.signal ? { signal: options.signal } : {}), ...(options.trader ? { trader: options.trader } : {}), ...(options.onCommit ? { onCommit: options.onCommit } : {}) };
}

function runResult(accountId: string, run: DriveResult, started: number): PaperRunResult {
  const seconds = (performance.now() - started) / 1000;
  return { accountId, endedBy: run.endedBy, ticks: run.ticks, committedTicks: run.committed, bars: run.bars, trades: run.trades, seconds, barsPerSecond: run.bars / Math.max(seconds, 1e-9), lastProcessedTime: run.lastCommitted };
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

  let ticks = 0;
  const feed: AccountFeed = {
    ticks: (wait, stop) =>
      liveTicks({
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
        signal: stop,
        retry,
        onStatus: async (s: LiveFeedStatus) => {
          live = { state: s.state, at: Date.now(), lastBarClose: s.lastBarClose, ...(s.state === "stale" ? { sinceMs: s.sinceMs } : {}), ...(s.state === "error" ? { message: s.message } : {}) };
          await setPaperFeedStatus(db, accountId, live);
          await trader?.feedStatus(s);
          const last = s.lastBarClose === null ? "—" : formatUtcMinute(s.lastBarClose);
          await options.progress(ticks, ticks, `live feed ${s.state}${s.state === "error" ? `: ${s.message}` : ""}; last 1m bar closed ${last}`);
        },
        log: (m) => options.log?.(m),
      }),
    state: (barsSoFar) => ({ updatedAt: Date.now(), barsPerSecond: null, bars: bars + barsSoFar, live }),
    afterTick: async () => {
      ticks++;
    },
  };
  let run: DriveResult;
  try {
    run = await driveAccount(db, accountId, engine, feed, ids, lastCommitted, {
      statusPollMs: options.statusPollMs ?? 250,
      now,
      ...(options.sleep ? { sleep: options.sleep } : {}),
      ...driveOptions(options),
    });
  } catch (error) {
    await trader?.end(false);
    throw error;
  }
  await trader?.end(true);
  await setAccountStatus(db, accountId, "stopped", { error: null });
  // A live feed has no end of its own: it ran until it was stopped or aborted.
  return runResult(accountId, { ...run, endedBy: run.endedBy === "end" ? (options.signal?.aborted ? "abort" : "stop") : run.endedBy }, started);
}
