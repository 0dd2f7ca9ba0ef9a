import type { Metrics } from "@/lib/backtest/metrics/types";

/** The figures the compare page sets side by side, each run against the first. */
export type ComparedFigure = "netReturn" | "sharpe" | "maxDrawdown" | "profitFactor" | "trades" | "winRate";

export type FigureDeltas = Readonly<Record<ComparedFigure, number | null>>;

/** An unbounded profit factor (no losses) has no finite difference to anything. */
const profitFactorOf = (m: Metrics) => (m.profitFactorUnbounded ? null : m.profitFactor);

const difference = (value: number | null, base: number | null) => (value === null || base === null ? null : value - base);

/**
 * `run − base` for each compared figure, in the figure's own unit (fractions for returns, drawdown and win rate, so
 * ×100 is percentage points); null where either side is undefined. A higher drawdown is worse: the sign is the
 * arithmetic one, the reader's "better" is the caller's to show.
 */
export function compareDeltas(base: Metrics, run: Metrics): FigureDeltas {
  return {
    netReturn: run.netReturn - base.netReturn,
    sharpe: difference(run.sharpe, base.sharpe),
    maxDrawdown: run.maxDrawdown - base.maxDrawdown,
    profitFactor: difference(profitFactorOf(run), profitFactorOf(base)),
    trades: run.trades - base.trades,
    winRate: difference(run.winRate, base.winRate),
  };
}
