import { emptyBlockedCounts } from "@/lib/backtest/blocked-counts";
import { computeMetrics } from "@/lib/backtest/metrics/compute-metrics";
import type { BacktestSettings } from "@/lib/hypothesis-runs/backtest-settings";
import { riskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { riskRewardOf } from "@/lib/signals/risk-reward";
import type { TuningResult } from "./parameter-tuning";

/**
 * The tuned variant's run as the store keeps runs: its stitched trades (each window traded by the member chosen on the
 * window before) and its realised equity, from its first out-of-sample window on. Equity is marked at exits only (the
 * members' open positions are not re-marked on the tuned account), so exposure is the share of the period a position
 * was held.
 */
export function tunedRun(variant: Hypothesis, symbol: string, tuned: TuningResult, settings: BacktestSettings): HypothesisRun {
  const trades = tuned.trades;
  const period = tuned.toTime - tuned.fromTime;
  const held = trades.reduce((ms, t) => ms + (t.exitTime - t.entryTime), 0);
  const points = tuned.equity.time.length;
  const metrics = computeMetrics({
    trades,
    equity: Float64Array.from(tuned.equity.equity),
    equityTime: Float64Array.from(tuned.equity.time),
    startingEquity: tuned.startingEquity,
    periodStart: tuned.fromTime,
    periodEnd: tuned.toTime,
    exposedPoints: period > 0 ? Math.round((held / period) * points) : 0,
  });
  const count = (a: string) => trades.filter((t) => t.ambiguity === a).length;
  return {
    hypothesisId: variant.id,
    hypothesisName: variant.name,
    timeframe: variant.timeframe,
    direction: variant.direction,
    symbol,
    fromTime: tuned.fromTime,
    toTime: tuned.toTime,
    metrics,
    diagnostics: {
      signals: trades.length,
      ambiguousBars: count("minute_data") + count("assumed_stop"),
      ambiguousResolvedBy1m: count("minute_data"),
      ambiguousAssumedStop: count("assumed_stop"),
      blocked: emptyBlockedCounts(),
      bars: 0,
      riskReward: riskRewardReport(riskRewardOf(variant), settings.minRiskReward[variant.timeframe], variant.allowBelowMinRiskReward === true, trades),
    },
    trades,
    equity: tuned.equity,
  };
}
