import type { Database } from "@/db/client";
import { persistTick, readAccountControl, type PaperAccountStatus, type StoredPaperState } from "@/db/queries/paper";
import type { MarketTick, PaperEngine, PaperEvent } from "@/lib/paper";
import { abortableSleep } from "@/lib/sleep";
import type { LiveFeedStatus } from "./live-feed";
import { supersededError } from "./take-account";

/**
 * What a live account adds to the loop: the engine decides, the trader sends. Each tick's decisions are executed
 * before the tick is committed: a crash in between replays the tick, and the orders' deterministic ids find what was
 * already sent instead of sending it again.
 */
export interface TickTrader {
  /** Once the engine is warm, before the first tick: the first reconciliation, the dead man's switch. */
  begin(engine: PaperEngine): Promise<void>;
  onTick(events: readonly PaperEvent[], engine: PaperEngine): Promise<void>;
  /** At every status poll: the trader's own timers (reconciliation, the switch, a halt). */
  heartbeat(): Promise<void>;
  /** The live feed changed state (live, stale, error): a trader alerts on a feed it cannot trust. */
  feedStatus(status: LiveFeedStatus): Promise<void>;
  /** The loop ended (stopped, aborted, failed): `clean` when it ended on request. */
  end(clean: boolean): Promise<void>;
}

/**
 * Where an account's ticks come from: stored candles replayed, or the exchange polled. `wait` is the loop's pause:
 * a feed pauses only through it (between polls, or to pace a replay), which is where a pause, a stop and the
 * trader's timers are noticed.
 */
export interface AccountFeed {
  ticks(wait: (ms: number) => Promise<void>, stop: AbortSignal): AsyncIterable<MarketTick>;
  /** The feed's part of the stored state at a commit (pace, live/stale, bars so far). */
  state(bars: number): StoredPaperState["feed"];
  /** After each tick, committed or not: progress. */
  afterTick?(tick: MarketTick): Promise<void>;
  /** While paused, at each poll. */
  paused?(): Promise<void>;
}

export interface DriveOptions {
  /** The job driving the account: the loop stops, writing nothing more, once the job no longer drives it. */
  readonly jobId?: string;
  /** Aborting stops after the tick in hand is committed. */
  readonly signal?: AbortSignal;
  /** How often the account's status (pause / stop from another process) is read. */
  readonly statusPollMs: number;
  readonly trader?: TickTrader;
  readonly onCommit?: (committed: number) => void;
  /** The clock the status polls are timed on and the sleep between them (tests drive a fake clock). */
  readonly now?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface DriveResult {
  /** `end`: the feed ran out (a replay's period ended); `stop`: stopped by status; `abort`: the signal fired. */
  readonly endedBy: "end" | "stop" | "abort";
  readonly ticks: number;
  readonly committed: number;
  readonly bars: number;
  readonly trades: number;
  readonly lastCommitted: number | null;
}

/** The account's status as the loop acts on it; throws once this run's job no longer drives the account. */
async function readStatus(db: Database, accountId: string, jobId: string | undefined): Promise<PaperAccountStatus | undefined> {
  const control = await readAccountControl(db, accountId, jobId);
  if (control && !control.driving) throw supersededError(accountId, jobId);
  return control?.status;
}

/**
 * The one loop every paper account runs, replayed or live: each tick goes through the engine, its decisions to the
 * trader (a live account), and a tick that changed anything is committed with persistTick. Between ticks the feed
 * waits through `wait`, which reads the account's status at most every `statusPollMs` (paused holds the feed,
 * stopped or halted ends it) and runs the trader's timers.
 */
export async function driveAccount(db: Database, accountId: string, engine: PaperEngine, feed: AccountFeed, ids: Pick<StoredPaperState, "orders" | "positions">, lastCommitted: number | null, options: DriveOptions): Promise<DriveResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => abortableSleep(ms, signal, "resolve"));
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  let endedBy: DriveResult["endedBy"] = "end";
  let lastPoll = now();

  /** Reads the status when a poll is due: true while the loop may go on. */
  const poll = async (): Promise<boolean> => {
    for (;;) {
      if (now() - lastPoll < options.statusPollMs) return true;
      lastPoll = now();
      await options.trader?.heartbeat();
      const status = await readStatus(db, accountId, options.jobId);
      if (status === "stopped" || status === "halted" || status === undefined) {
        endedBy = "stop";
        stop.abort();
        return false;
      }
      if (status !== "paused") return true;
      await feed.paused?.();
      await sleep(Math.max(options.statusPollMs, 200), stop.signal);
      if (stop.signal.aborted) return false;
    }
  };
  const wait = async (ms: number): Promise<void> => {
    let left = ms;
    while (!stop.signal.aborted && (await poll()) && left > 0) {
      const step = Math.min(left, Math.max(options.statusPollMs, 1));
      await sleep(step, stop.signal);
      left -= step;
    }
  };

  let ticks = 0;
  let committed = 0;
  let bars = 0;
  let trades = 0;
  let stored = ids;
  try {
    for await (const tick of feed.ticks(wait, stop.signal)) {
      const events = engine.onTick(tick);
      ticks++;
      bars += tick.bars.length;
      await options.trader?.onTick(events, engine);
      if (events.length > 0) {
        for (const e of events) if (e.type === "position_closed") trades++;
        const written = await persistTick(db, accountId, events, engine.snapshot(), tick.closeTime, stored, feed.state(bars), options.jobId);
        if (!written) throw supersededError(accountId, options.jobId);
        stored = written;
        committed++;
        lastCommitted = tick.closeTime;
        options.onCommit?.(committed);
      }
      await feed.afterTick?.(tick);
      if (options.signal?.aborted || stop.signal.aborted) break;
    }
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
  if (endedBy === "end" && options.signal?.aborted) endedBy = "abort";
  return { endedBy, ticks, committed, bars, trades, lastCommitted };
}
