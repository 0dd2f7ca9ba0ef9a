import { emptyBlockedCounts } from "./blocked-counts";
import {
  AmbiguityCounters,
  PositionState,
  closeTrade,
  exitAtEndOfData,
  exitsDefinedAt,
  openPosition,
  openPositionValue,
  stepPosition,
} from "./fill-model";
import { barCloseTimes } from "./bar-close-times";
import type { LegContext } from "./leg-context";
import type { BlockedCounts, Trade } from "./types";

export interface LegSimulation {
  readonly trades: Trade[];
  /** Marked-to-market equity at each bar close, and those close times. */
  readonly equity: Float64Array;
  readonly equityTime: Float64Array;
  readonly ambiguousBars: number;
  readonly ambiguousResolvedBy1m: number;
  readonly blocked: BlockedCounts;
  /** Bars during which a position was held (entry and exit bars included). */
  readonly exposedBars: number;
}

/**
 * The single-leg bar loop: one position at a time, no account-level limits. Per bar it reads typed arrays and mutates
 * one PositionState; it allocates only when a trade closes. Order within bar i: fill a pending entry at the open,
 * run stops/target/funding/time stop, mark equity at the close, then read the signal at the close.
 * Most bars are one of two kinds where nothing can happen, and the loop runs through those stretches without the
 * per-bar bookkeeping: flat with no signal (equity stays the realised equity), and holding a position whose stop,
 * target, time stop and next funding event are all out of the bar's reach. stepPosition stays the only fill logic.
 * `equityBuffer` (length ≥ bars) lets sweeps reuse one curve across runs: touching fresh memory costs more than the
 * loop itself. The returned `equity` is then a view of it, overwritten by the next run.
 */
export function simulateLeg(ctx: LegContext, startingEquity: number, equityBuffer?: Float64Array): LegSimulation {
  const s = ctx.series;
  const n = s.length;
  const close = s.close;
  const high = s.high;
  const low = s.low;
  const long = ctx.side === 1;
  const signal = ctx.entrySignal;
  const equity = equityBuffer && equityBuffer.length >= n ? equityBuffer.subarray(0, n) : new Float64Array(n);
  const equityTime = barCloseTimes(s);
  const trades: Trade[] = [];
  const blocked = emptyBlockedCounts();
  const counters = new AmbiguityCounters();
  const pos = new PositionState();
  let realised = startingEquity;
  let pending = -1;
  let exposedBars = 0;

  let i = 0;
  while (i < n) {
    if (pending < 0 && !pos.open) {
      // Flat until the next signal: nothing to fill, step or mark but the realised equity.
      const next = signal.indexOf(1, i);
      const until = next < 0 ? n : next;
      equity.fill(realised, i, until);
      i = until;
      if (i >= n) break;
    } else if (pending < 0) {
      // Holding through quiet bars: the stop, target, time stop and next funding event are all out of reach.
      const stop = pos.stop;
      const target = pos.target;
      const horizon = Math.min(pos.deadline, pos.nextFundingTime);
      let quiet = 0;
      for (; i < n; i++) {
        const lo = low[i] ?? NaN;
        const hi = high[i] ?? NaN;
        if (!((long ? lo > stop && hi < target : hi < stop && lo > target) && (equityTime[i] ?? NaN) < horizon)) break;
        equity[i] = realised + openPositionValue(ctx, pos, close[i] ?? NaN);
        if (signal[i] === 1) blocked.position_open++;
        quiet++;
      }
      exposedBars += quiet;
      if (i >= n) break;
    }
    if (pending >= 0) {
      const refused = openPosition(ctx, pos, pending, realised, 1);
      if (refused !== null) blocked[refused]++;
      pending = -1;
    }
    if (pos.open) {
      exposedBars++;
      if (stepPosition(ctx, pos, i, counters)) {
        const trade = closeTrade(ctx, pos);
        trades.push(trade);
        realised += trade.netPnl;
      }
    }
    equity[i] = pos.open ? realised + openPositionValue(ctx, pos, close[i] ?? NaN) : realised;
    if (signal[i] === 1) {
      if (pos.open) blocked.position_open++;
      else if (i + 1 < n) {
        if (exitsDefinedAt(ctx, i)) pending = i;
        else blocked.invalid_stop++;
      }
    }
    i++;
  }
  if (pos.open) {
    exitAtEndOfData(ctx, pos, n - 1);
    const trade = closeTrade(ctx, pos);
    trades.push(trade);
    realised += trade.netPnl;
    equity[n - 1] = realised;
  }
  return {
    trades,
    equity,
    equityTime,
    ambiguousBars: counters.ambiguousBars,
    ambiguousResolvedBy1m: counters.resolvedBy1m,
    blocked,
    exposedBars,
  };
}
