import { createLegContext, requireFinite } from "./leg-context";
import { computeMetrics } from "./metrics/compute-metrics";
import { simulateLeg } from "./simulate-leg";
import type { BacktestInput, RunResult } from "./types";

/**
 * Backtests one hypothesis on one instrument: one position at a time, sized from realised equity. Account-level
 * limits (concurrency, daily loss, drawdown halt) belong to the account and apply in runPortfolio only, so a single
 * run measures the raw edge. Throws BacktestError on inconsistent input.
 */
export interface RunBacktestOptions {
  /** Reused equity storage for sweeps (see simulateLeg); the result's `equity` is then a view of it. */
  readonly equityBuffer?: Float64Array;
}

export function runBacktest(input: BacktestInput, options: RunBacktestOptions = {}): RunResult {
  requireFinite(input.startingEquity, "startingEquity", true);
  const ctx = createLegContext(input.series.symbol, input, input.fees, input.sizing);
  const sim = simulateLeg(ctx, input.startingEquity, options.equityBuffer);
  const n = input.series.length;
  const metrics = computeMetrics({
    trades: sim.trades,
    equity: sim.equity,
    equityTime: sim.equityTime,
    startingEquity: input.startingEquity,
    periodStart: n > 0 ? (input.series.time[0] ?? 0) : 0,
    periodEnd: n > 0 ? (sim.equityTime[n - 1] ?? 0) : 0,
    exposedPoints: sim.exposedBars,
  });
  return {
    trades: sim.trades,
    equity: sim.equity,
    equityTime: sim.equityTime,
    metrics,
    ambiguousBars: sim.ambiguousBars,
    ambiguousResolvedBy1m: sim.ambiguousResolvedBy1m,
    ambiguousAssumedStop: sim.ambiguousBars - sim.ambiguousResolvedBy1m,
    blocked: sim.blocked,
  };
}
