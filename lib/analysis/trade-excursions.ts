import { lowerBound, upperBound } from "@/lib/backtest/search";
import type { ExitReason } from "@/lib/backtest/types";

/** What excursion needs of a closed trade: its side, fills, size and how it exited. */
export interface ExcursionTrade {
  readonly side: "long" | "short";
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly exitTime: number;
  readonly exitPrice: number;
  readonly qty: number;
  readonly reason: ExitReason;
}

/** High and low per bar, by open time (epoch ms, ascending). */
export interface ExcursionBars {
  readonly length: number;
  readonly time: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
}

/** How far price went against (MAE) or for (MFE) an open trade: a fraction of the entry price, and USDT for its quantity. */
export interface Excursion {
  readonly fraction: number;
  readonly usdt: number;
}

export interface TradeExcursion {
  readonly mae: Excursion;
  readonly mfe: Excursion;
}

/** Open time of the bar holding `ms`. */
export const barOpenOf = (ms: number, barMs: number) => Math.floor(ms / barMs) * barMs;

/**
 * The bar a trade's exit filled in. Stop and target exits are stamped with the open time of the bar (or 1m candle) they
 * filled in; time and end-of-data exits with the bar's close (the next bar's open), so those step back into their bar.
 */
export function exitBarOpenOf(trade: { readonly exitTime: number; readonly reason: string }, barMs: number): number {
  const closeStamped = trade.reason === "time" || trade.reason === "end_of_data";
  return barOpenOf(closeStamped ? trade.exitTime - 1 : trade.exitTime, barMs);
}

/**
 * MAE and MFE of a trade over the bars it was open: the entry fills at its bar's open, so that whole bar counts; the
 * exit bar counts up to the fill on the side the exit filled on (a stop or target closed the trade there, and what
 * the bar did beyond it happened after), and whole on the other side (which came first inside a bar is unknown). Time
 * and end-of-data exits fill at the close, so their last bar counts whole. The fills themselves count too (a stop
 * slipped past the bar's low is a real adverse price). Null when the bars of the trade are missing.
 */
export function tradeExcursion(trade: ExcursionTrade, bars: ExcursionBars, barMs: number): TradeExcursion | null {
  const long = trade.side === "long";
  const entryBar = barOpenOf(trade.entryTime, barMs);
  const exitBar = exitBarOpenOf(trade, barMs);
  const first = lowerBound(bars.time, entryBar, bars.length);
  const end = upperBound(bars.time, exitBar, bars.length);
  if (first >= end) return null;
  const lowSideExit = long ? trade.reason === "stop" : trade.reason === "target";
  const cappedExit = trade.reason === "stop" || trade.reason === "target";
  let low = Math.min(trade.entryPrice, trade.exitPrice);
  let high = Math.max(trade.entryPrice, trade.exitPrice);
  for (let i = first; i < end; i++) {
    const atExit = cappedExit && (bars.time[i] ?? Number.NaN) === exitBar;
    if (!(atExit && lowSideExit)) low = Math.min(low, bars.low[i] ?? Number.POSITIVE_INFINITY);
    if (!(atExit && !lowSideExit)) high = Math.max(high, bars.high[i] ?? Number.NEGATIVE_INFINITY);
  }
  const adverse = long ? trade.entryPrice - low : high - trade.entryPrice;
  const favourable = long ? high - trade.entryPrice : trade.entryPrice - low;
  const excursion = (move: number): Excursion => ({ fraction: move / trade.entryPrice, usdt: move * trade.qty });
  return { mae: excursion(adverse), mfe: excursion(favourable) };
}
