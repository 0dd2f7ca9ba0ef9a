import { needsAtr, stopDistance, targetDistance } from "./distance";
import { firstTouchingMinute } from "./intrabar";
import type { LegContext } from "./leg-context";
import { REGIME, type RegimeCode, toRegimeCode } from "./regime-codes";
import { upperBound } from "./search";
import { positionQty } from "./sizing";
import type { Ambiguity, BlockReason, ExitReason, Trade } from "./types";

/**
 * The one open position of a leg, mutated in place so the bar loop allocates nothing until a trade closes.
 * Every field is initialised with its final type to keep a single hidden class.
 */
export class PositionState {
  open = false;
  entryIndex = 0;
  entryTime = 0;
  entryPrice = 0;
  qty = 0;
  stop = 0;
  target = 0;
  entryFee = 0;
  funding = 0;
  slippageCost = 0;
  regime: RegimeCode = REGIME.unknown;
  /** Time stop: the first bar whose close time reaches this closes the position. */
  deadline = 0;
  /** Next funding event not yet charged, and its time (Infinity when none), so the loop tests one number per bar. */
  fundingCursor = 0;
  nextFundingTime = Infinity;
  exitIndex = 0;
  exitTime = 0;
  exitPrice = 0;
  exitFee = 0;
  reason: ExitReason = "end_of_data";
  ambiguity: Ambiguity = "none";
}

/** Ambiguous-bar tallies of a run; the bars not resolved by 1m data were assumed stop first. */
export class AmbiguityCounters {
  ambiguousBars = 0;
  resolvedBy1m = 0;
}

/** Whether the signal bar's inputs allow computing exits (ATR warm-up gives NaN). Known at decision time. */
export function exitsDefinedAt(ctx: LegContext, signalIndex: number): boolean {
  if (!needsAtr(ctx.exits.stop) && !needsAtr(ctx.exits.target)) return true;
  const atr = ctx.atr[signalIndex] ?? NaN;
  return Number.isFinite(atr) && atr > 0;
}

/** Where an entry filled at one price would put its stop and target, and how much it would buy. */
export interface EntryPlan {
  readonly stop: number;
  readonly target: number;
  readonly qty: number;
}

/**
 * The stop, target and size of an entry decided at the close of `signalIndex` and filled at `fill`, sized from
 * `equity`; the reason it cannot open instead. The fill model opens with it; a live account plans its real order
 * with it at the exchange's price, so both size and protect an entry by one computation.
 */
export function planEntry(ctx: LegContext, signalIndex: number, equity: number, riskScale: number, fill: number): EntryPlan | BlockReason {
  if (!(equity > 0)) return "insufficient_equity";
  const side = ctx.side;
  const atr = ctx.atr[signalIndex] ?? NaN;
  const stopDist = stopDistance(ctx.exits.stop, fill, atr);
  const targetDist = targetDistance(ctx.exits.target, fill, atr, stopDist);
  const stop = fill - side * stopDist;
  if (!(stopDist > 0) || !Number.isFinite(stopDist) || !(targetDist > 0) || !Number.isFinite(targetDist) || !(stop > 0)) {
    return "invalid_stop";
  }
  return { stop, target: fill + side * targetDist, qty: positionQty(ctx.sizing, equity, riskScale, fill, stopDist) };
}

/**
 * Fills an entry decided at the close of `signalIndex` at the open of the next bar, slipped against the trader, and
 * sizes it from `equity` (realised equity when the entry was decided). Returns why it could not open, or null.
 */
export function openPosition(
  ctx: LegContext,
  pos: PositionState,
  signalIndex: number,
  equity: number,
  riskScale: number,
): BlockReason | null {
  const i = signalIndex + 1;
  const side = ctx.side;
  const rawOpen = ctx.series.open[i] ?? NaN;
  const fill = rawOpen * (1 + side * ctx.slip);
  const plan = planEntry(ctx, signalIndex, equity, riskScale, fill);
  if (typeof plan === "string") return plan;
  const qty = plan.qty;
  const entryTime = ctx.series.time[i] ?? NaN;
  pos.open = true;
  pos.entryIndex = i;
  pos.entryTime = entryTime;
  pos.entryPrice = fill;
  pos.qty = qty;
  pos.stop = plan.stop;
  pos.target = plan.target;
  pos.entryFee = qty * fill * ctx.fees.taker;
  pos.funding = 0;
  pos.slippageCost = qty * rawOpen * ctx.slip;
  pos.regime = toRegimeCode(ctx.regimes?.[signalIndex]);
  pos.deadline = entryTime + ctx.maxHoldMs;
  pos.ambiguity = "none";
  const funding = ctx.funding;
  if (funding) {
    // Events strictly after the entry only: a position opened at the funding instant was not held at it.
    pos.fundingCursor = upperBound(funding.time, entryTime, funding.length);
    pos.nextFundingTime = funding.time[pos.fundingCursor] ?? Infinity;
  } else {
    pos.nextFundingTime = Infinity;
  }
  return null;
}

/**
 * Charges every funding event τ ≤ `upTo` not yet charged at `price`. The loop calls it at a bar's close with that
 * bar's close, so an event is priced at the close of the first bar whose close time ≥ τ — the bar containing τ under
 * the rule "a boundary event belongs to the bar closing at it" (and the next bar after a data gap). Long pays a
 * positive rate, short receives it.
 */
export function accrueFunding(ctx: LegContext, pos: PositionState, upTo: number, price: number): void {
  const funding = ctx.funding;
  if (!funding) return;
  let k = pos.fundingCursor;
  const perRate = ctx.side * pos.qty * price;
  while (k < funding.length && (funding.time[k] ?? Infinity) <= upTo) {
    pos.funding += perRate * (funding.rate[k] ?? 0);
    k++;
  }
  pos.fundingCursor = k;
  pos.nextFundingTime = funding.time[k] ?? Infinity;
}

/** Market stop: `raw` is the stop or the gapped open; slipped against the trader, taker fee. */
function fillStop(ctx: LegContext, pos: PositionState, i: number, raw: number, time: number, ambiguity: Ambiguity): void {
  const price = raw * (1 - ctx.side * ctx.slip);
  pos.exitIndex = i;
  pos.exitTime = time;
  pos.exitPrice = price;
  pos.exitFee = pos.qty * price * ctx.fees.taker;
  pos.slippageCost += pos.qty * raw * ctx.slip;
  pos.reason = "stop";
  pos.ambiguity = ambiguity;
}

/**
 * Resting limit target: fills at the target exactly with the maker fee, even when the bar opens beyond it. Taking the
 * better open would credit price improvement a resting order may not get; the target price is the conservative fill.
 */
function fillTarget(ctx: LegContext, pos: PositionState, i: number, time: number, ambiguity: Ambiguity): void {
  pos.exitIndex = i;
  pos.exitTime = time;
  pos.exitPrice = pos.target;
  pos.exitFee = pos.qty * pos.target * ctx.fees.maker;
  pos.reason = "target";
  pos.ambiguity = ambiguity;
}

/** Market exit at bar i's close (time stop or end of data). */
function fillAtClose(ctx: LegContext, pos: PositionState, i: number, reason: ExitReason): void {
  const raw = ctx.series.close[i] ?? NaN;
  const price = raw * (1 - ctx.side * ctx.slip);
  pos.exitIndex = i;
  pos.exitTime = (ctx.series.time[i] ?? NaN) + ctx.barMs;
  pos.exitPrice = price;
  pos.exitFee = pos.qty * price * ctx.fees.taker;
  pos.slippageCost += pos.qty * raw * ctx.slip;
  pos.reason = reason;
}

/**
 * Bar reached both stop and target with its open between them: the first 1m candle touching either decides, read as
 * the bar itself is read (an open beyond a level fills there first). A minute that opens between the levels and
 * touches both orders nothing, so — as without 1m data — the stop is assumed first, and the bar counts as unresolved.
 */
function resolveBothHit(ctx: LegContext, pos: PositionState, i: number, barOpenTime: number, counters: AmbiguityCounters): void {
  counters.ambiguousBars++;
  const minute = ctx.minute;
  const long = ctx.side === 1;
  const k = minute ? firstTouchingMinute(minute, barOpenTime, ctx.barMs, long, pos.stop, pos.target) : -1;
  if (!minute || k < 0) {
    fillStop(ctx, pos, i, pos.stop, barOpenTime, "assumed_stop");
    return;
  }
  const minuteTime = minute.time[k] ?? NaN;
  const mOpen = minute.open[k] ?? NaN;
  const opensBeyondStop = long ? mOpen <= pos.stop : mOpen >= pos.stop;
  const opensBeyondTarget = long ? mOpen >= pos.target : mOpen <= pos.target;
  const stopHit = long ? (minute.low[k] ?? NaN) <= pos.stop : (minute.high[k] ?? NaN) >= pos.stop;
  const targetHit = long ? (minute.high[k] ?? NaN) >= pos.target : (minute.low[k] ?? NaN) <= pos.target;
  if (!opensBeyondStop && !opensBeyondTarget && stopHit && targetHit) {
    fillStop(ctx, pos, i, pos.stop, minuteTime, "assumed_stop");
    return;
  }
  counters.resolvedBy1m++;
  if (opensBeyondStop) fillStop(ctx, pos, i, mOpen, minuteTime, "minute_data");
  else if (opensBeyondTarget || !stopHit) fillTarget(ctx, pos, i, minuteTime, "minute_data");
  else fillStop(ctx, pos, i, pos.stop, minuteTime, "minute_data");
}

/**
 * Runs bar i against an open position (the entry bar included): stop and target first, then funding up to the bar's
 * close, then the time stop at the close. Returns true when the position exited in this bar; exit fields are then set.
 */
export function stepPosition(ctx: LegContext, pos: PositionState, i: number, counters: AmbiguityCounters): boolean {
  const s = ctx.series;
  const long = ctx.side === 1;
  const open = s.open[i] ?? NaN;
  const high = s.high[i] ?? NaN;
  const low = s.low[i] ?? NaN;
  const close = s.close[i] ?? NaN;
  const barOpenTime = s.time[i] ?? NaN;
  const stopHit = long ? low <= pos.stop : high >= pos.stop;
  const targetHit = long ? high >= pos.target : low <= pos.target;
  if (stopHit || targetHit) {
    if (long ? open <= pos.stop : open >= pos.stop) fillStop(ctx, pos, i, open, barOpenTime, "none");
    else if (long ? open >= pos.target : open <= pos.target) fillTarget(ctx, pos, i, barOpenTime, "none");
    else if (stopHit && targetHit) resolveBothHit(ctx, pos, i, barOpenTime, counters);
    else if (stopHit) fillStop(ctx, pos, i, pos.stop, barOpenTime, "none");
    else fillTarget(ctx, pos, i, barOpenTime, "none");
    if (pos.nextFundingTime <= pos.exitTime) accrueFunding(ctx, pos, pos.exitTime, close);
    return true;
  }
  const closeTime = barOpenTime + ctx.barMs;
  if (pos.nextFundingTime <= closeTime) accrueFunding(ctx, pos, closeTime, close);
  if (closeTime >= pos.deadline) {
    fillAtClose(ctx, pos, i, "time");
    return true;
  }
  return false;
}

/** Closes a still-open position at bar i's close (the leg's last bar). Funding is already charged through it. */
export function exitAtEndOfData(ctx: LegContext, pos: PositionState, i: number): void {
  fillAtClose(ctx, pos, i, "end_of_data");
}

/** Equity contribution of the open position at `price`: price PnL minus the fees and funding already paid. */
export function openPositionValue(ctx: LegContext, pos: PositionState, price: number): number {
  return ctx.side * pos.qty * (price - pos.entryPrice) - pos.entryFee - pos.funding;
}

/** Turns the exited position into its trade record and frees the slot. */
export function closeTrade(ctx: LegContext, pos: PositionState): Trade {
  pos.open = false;
  const grossPnl = ctx.side * pos.qty * (pos.exitPrice - pos.entryPrice);
  const netPnl = grossPnl - pos.entryFee - pos.exitFee - pos.funding;
  const risk = pos.qty * Math.abs(pos.entryPrice - pos.stop);
  return {
    legId: ctx.id,
    side: ctx.direction,
    entryIndex: pos.entryIndex,
    exitIndex: pos.exitIndex,
    entryTime: pos.entryTime,
    exitTime: pos.exitTime,
    entryPrice: pos.entryPrice,
    exitPrice: pos.exitPrice,
    qty: pos.qty,
    stop: pos.stop,
    target: pos.target,
    reason: pos.reason,
    entryFee: pos.entryFee,
    exitFee: pos.exitFee,
    funding: pos.funding,
    slippageCost: pos.slippageCost,
    grossPnl,
    netPnl,
    r: netPnl / risk,
    regime: pos.regime,
    barsHeld: pos.exitIndex - pos.entryIndex + 1,
    ambiguity: pos.ambiguity,
  };
}
