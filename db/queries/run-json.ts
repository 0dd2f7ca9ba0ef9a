import { z } from "zod";
import type { TradeExcursion } from "@/lib/analysis/trade-excursions";
import type { Metrics } from "@/lib/backtest/metrics/types";
import { riskRewardReportSchema, type RunSummaryJson, type TradeJson } from "@/lib/contract/backtests";
import type { RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import type { RunRow, TradeRow } from "./backtests";

/** The stored metrics document; written by the backtest job from the Metrics type. */
export function runMetrics(run: RunRow): Metrics {
  return run.metrics as Metrics;
}

const riskRewardDiagnostics = z.object({ riskReward: riskRewardReportSchema });

/** The run's reward:risk against its timeframe's minimum; null for portfolio runs and runs stored before it was measured. */
export function runRiskReward(run: RunRow): RiskRewardReport | null {
  const parsed = riskRewardDiagnostics.safeParse(run.diagnostics);
  return parsed.success ? parsed.data.riskReward : null;
}

export function toRunSummary(run: RunRow): RunSummaryJson {
  const m = runMetrics(run);
  return {
    id: run.id,
    batchId: run.batchId,
    hypothesisId: run.hypothesisId,
    hypothesisName: run.hypothesisName,
    symbol: run.symbol,
    timeframe: run.timeframe,
    kind: run.kind,
    trades: m.trades,
    winRate: m.winRate,
    profitFactor: m.profitFactor,
    profitFactorUnbounded: m.profitFactorUnbounded,
    netReturn: m.netReturn,
    sharpe: m.sharpe,
    maxDrawdown: m.maxDrawdown,
    riskReward: runRiskReward(run),
  };
}

export function toTradeJson(t: TradeRow, excursion: TradeExcursion | null): TradeJson {
  return {
    seq: t.seq,
    side: t.side,
    entryTime: t.entryTime,
    entryPrice: t.entryPrice,
    exitTime: t.exitTime,
    exitPrice: t.exitPrice,
    qty: t.qty,
    stop: t.stop,
    target: t.target,
    reason: t.reason,
    entryFee: t.entryFee,
    exitFee: t.exitFee,
    funding: t.funding,
    slippage: t.slippage,
    grossPnl: t.grossPnl,
    netPnl: t.netPnl,
    r: t.r,
    regime: t.regime,
    barsHeld: t.barsHeld,
    ambiguity: t.ambiguity,
    mae: excursion?.mae ?? null,
    mfe: excursion?.mfe ?? null,
  };
}
