import type { TradeJson } from "@/lib/contract/backtests";
import { MAX_WINDOW_BARS, type CandleWindowJson } from "@/lib/contract/market";
import { barOpen, exitBarOpen } from "./chart-time";

/** Bars fetched around what is on screen: scrolling a little needs no request, and one request stays small. */
const WINDOW_BARS = 1500;
/** Bars shown around a selected trade. */
const TRADE_PADDING_BARS = 40;

/** A time range in epoch milliseconds. */
export interface Range {
  from: number;
  to: number;
}

export const clampRange = (r: Range, bounds: Range): Range => ({ from: Math.max(bounds.from, r.from), to: Math.min(bounds.to, r.to) });

/** A window of about WINDOW_BARS (never more than the cap) centred on `r`, inside the run's period. */
export function windowAround(r: Range, barMs: number, bounds: Range): Range {
  const span = Math.min(MAX_WINDOW_BARS - 2, Math.max(WINDOW_BARS, Math.ceil((r.to - r.from) / barMs) * 3)) * barMs;
  const mid = barOpen((r.from + r.to) / 2, barMs);
  let from = mid - span / 2;
  let to = mid + span / 2;
  if (from < bounds.from) [from, to] = [bounds.from, Math.min(bounds.to, bounds.from + span)];
  if (to > bounds.to) [from, to] = [Math.max(bounds.from, bounds.to - span), bounds.to];
  return { from: barOpen(from, barMs), to };
}

/** The view a trade is shown in: its bars with some context either side. */
export function tradeView(t: TradeJson, barMs: number, bounds: Range): Range {
  const entryBar = barOpen(t.entryTime, barMs);
  const exitBar = exitBarOpen(t, barMs);
  const pad = Math.max(TRADE_PADDING_BARS * barMs, (exitBar - entryBar) * 0.5);
  return clampRange({ from: entryBar - pad, to: exitBar + pad }, bounds);
}

/** Indicator panes below the price pane, in the order the rules name them; "price" and "volume" draw on pane 0. */
export const indicatorPanes = (data: CandleWindowJson) => [...new Set(data.overlays.map((o) => o.pane).filter((p) => p !== "price" && p !== "volume"))];

/** Trades by the open time of their entry bar and of their exit bar: what the tooltip of a hovered bar lists. */
export function tradesByBar(trades: readonly TradeJson[], barMs: number): Map<number, TradeJson[]> {
  const map = new Map<number, TradeJson[]>();
  const put = (bar: number, t: TradeJson) => {
    const list = map.get(bar);
    if (!list) map.set(bar, [t]);
    else if (!list.includes(t)) list.push(t);
  };
  for (const t of trades) {
    put(barOpen(t.entryTime, barMs), t);
    put(exitBarOpen(t, barMs), t);
  }
  return map;
}
