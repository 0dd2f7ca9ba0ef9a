import type { BlockedCounts, LegInput, Trade } from "@/lib/backtest/types";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { runBacktest } from "@/lib/backtest/run-backtest";
import type { AppConfig } from "@/lib/config-schema";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { riskRewardOf } from "@/lib/signals/risk-reward";
import type { BacktestSettings } from "./backtest-settings";
import { buildLeg } from "./build-leg";
import type { MarketBundle } from "./market-bundle";
import { ResearchCache } from "./research-cache";
import { riskRewardReport, type RiskRewardReport } from "./risk-reward-report";
import { thinEquity } from "../backtest/thin-equity";

export interface HypothesisRun {
  hypothesisId: string;
  hypothesisName: string;
  timeframe: string;
  direction: string;
  symbol: string;
  fromTime: number;
  toTime: number;
  metrics: Metrics;
  diagnostics: { signals: number; ambiguousBars: number; ambiguousResolvedBy1m: number; ambiguousAssumedStop: number; blocked: BlockedCounts; bars: number; riskReward: RiskRewardReport };
  trades: readonly Trade[];
  equity: { time: number[]; equity: number[] };
}

/**
 * Backtests one hypothesis's engine leg (its own from buildLeg, or a learned variant's gated one) and describes the run
 * as the store and the results file keep it.
 */
export function runLeg(h: Hypothesis, symbol: string, leg: LegInput, settings: BacktestSettings): HypothesisRun {
  const result = runBacktest({ ...leg, fees: settings.fees, sizing: settings.sizing, startingEquity: settings.startingEquity });
  let signals = 0;
  for (let i = 0; i < leg.entrySignal.length; i++) signals += leg.entrySignal[i] ?? 0;
  const n = leg.series.length;
  return {
    hypothesisId: h.id,
    hypothesisName: h.name,
    timeframe: h.timeframe,
    direction: h.direction,
    symbol,
    fromTime: leg.series.time[0] ?? 0,
    toTime: result.equityTime[n - 1] ?? 0,
    metrics: result.metrics,
    diagnostics: { signals, ambiguousBars: result.ambiguousBars, ambiguousResolvedBy1m: result.ambiguousResolvedBy1m, ambiguousAssumedStop: result.ambiguousAssumedStop, blocked: result.blocked, bars: n, riskReward: riskRewardReport(riskRewardOf(h), settings.minRiskReward[h.timeframe], h.allowBelowMinRiskReward === true, result.trades) },
    trades: result.trades,
    equity: thinEquity(result.equityTime, result.equity),
  };
}

/**
 * Backtests hypotheses on one instrument, sharing indicators and regimes between them and with the other tasks this
 * thread runs on the same series. Deterministic: a cached column is the column computed afresh.
 */
export function runHypotheses(
  bundle: MarketBundle,
  hypotheses: readonly Hypothesis[],
  settings: BacktestSettings,
  regime: AppConfig["regime"],
  onDone?: (run: HypothesisRun) => void,
): HypothesisRun[] {
  const cache = ResearchCache.forThread(regime);
  const runs: HypothesisRun[] = [];
  for (const h of hypotheses) {
    const run = runLeg(h, bundle.symbol, buildLeg(h, bundle, cache), settings);
    runs.push(run);
    onDone?.(run);
  }
  return runs;
}
