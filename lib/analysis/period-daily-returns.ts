import { dailyReturns } from "@/lib/backtest/metrics/daily-returns";
import { realisedEquity } from "./realised-equity";
import type { Period, RunSample } from "./types";

/**
 * Daily returns of a run's equity over the whole UTC days inside `period` — the series the backtest's Sharpe uses
 * (backtest/metrics/daily-returns), so a segment's Sharpe is comparable with the run's.
 *
 * Source, in order of preference:
 * 1. the run's marked-to-market equity curve (`sample.equity`). A thinned curve (thin-equity keeps about 1500 points,
 *    each stride's lowest) is sampled at the last point at or before each midnight, which is close enough for daily
 *    returns but biased slightly low within a day;
 * 2. otherwise realised equity from ALL the run's trades (PnL booked at exit), so the level each return divides by is
 *    the run's equity at that time.
 * Either way the segment is sliced by TIME: a trade entered before a cut and closed after it moves equity on the later
 * side. Trade-level metrics, by contrast, assign whole trades by entry time (split-trades).
 */
export function periodDailyReturns(sample: RunSample, period: Period): number[] {
  const curve = sample.equity ?? realisedEquity(sample.trades, sample.startingEquity);
  return dailyReturns(Float64Array.from(curve.equity), Float64Array.from(curve.time), sample.startingEquity, period.from, period.to);
}
