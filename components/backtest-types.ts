/** What the backtest and market routes send; the browser and the server agree on these shapes. */
import type { RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";

export interface TradeJson {
  seq: number;
  side: "long" | "short";
  entryTime: number;
  entryPrice: number;
  exitTime: number;
  exitPrice: number;
  qty: number;
  stop: number;
  target: number;
  reason: "target" | "stop" | "time" | "end_of_data";
  entryFee: number;
  exitFee: number;
  funding: number;
  slippage: number;
  grossPnl: number;
  netPnl: number;
  r: number;
  regime: string;
  barsHeld: number;
  ambiguity: "none" | "minute_data" | "assumed_stop";
}

export interface TradesPageJson {
  total: number;
  trades: TradeJson[];
}

/** One candle window as columns (compact JSON), plus indicator overlays aligned to `time` (null during warm-up). */
export interface CandleWindowJson {
  symbol: string;
  timeframe: string;
  from: number;
  to: number;
  /** True when the range held more bars than the cap and was cut at `to`. */
  truncated: boolean;
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
  overlays: { label: string; values: (number | null)[] }[];
}

/** A run's headline figures for lists and comparisons. */
export interface RunSummaryJson {
  id: string;
  batchId: string;
  hypothesisId: string | null;
  hypothesisName: string;
  symbol: string;
  timeframe: string;
  kind: "single" | "portfolio";
  trades: number;
  winRate: number | null;
  profitFactor: number | null;
  profitFactorUnbounded: boolean;
  netReturn: number;
  sharpe: number | null;
  maxDrawdown: number;
  /** Reward:risk against the timeframe's minimum (null: portfolio run, or stored before it was measured). */
  riskReward: RiskRewardReport | null;
}

export const TRADE_REASONS: readonly TradeJson["reason"][] = ["target", "stop", "time", "end_of_data"];
