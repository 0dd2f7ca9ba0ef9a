import type { AppConfig } from "@/lib/config-schema";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { Metrics } from "@/lib/backtest/metrics/types";

export type EdgeThresholds = AppConfig["edgeThresholds"];
export type EdgeStatus = "pass" | "fail" | "insufficient_data";
export type EdgeCheckName = "trades" | "winRate" | "profitFactor" | "sharpe";

/** The metrics a verdict reads; `Metrics` and segment metrics both fit. */
export type VerdictMetrics = Pick<Metrics, "trades" | "winRate" | "profitFactor" | "profitFactorUnbounded" | "sharpe">;

export interface EdgeCheck {
  readonly name: EdgeCheckName;
  /** Measured value; null when undefined (no trades, unbounded profit factor, Sharpe without variance). */
  readonly value: number | null;
  readonly required: number;
  readonly pass: boolean;
}

export interface EdgeVerdict {
  readonly status: EdgeStatus;
  /** One line per failed check, measured vs required, e.g. "win rate 48.2% < 55%". */
  readonly reasons: string[];
  readonly checks: EdgeCheck[];
}

/** Up to `digits` decimals without trailing zeros: 55 → "55", 48.25 → "48.3" (digits 1). */
function trim(value: number, digits: number): string {
  return String(Number(value.toFixed(digits)));
}

const pct = (v: number) => `${trim(v * 100, 1)}%`;

/**
 * Judges measured metrics against the edge thresholds (all inclusive: a value equal to the requirement passes).
 * - Fewer trades than `minTrades` is `insufficient_data`, never `pass`, whatever the other numbers say.
 * - An unbounded profit factor (winners, no losing PnL) passes the profit-factor check.
 * - A null Sharpe (fewer than two daily returns or none varying) fails the Sharpe check.
 */
export function judgeEdge(metrics: VerdictMetrics, timeframe: TradingTimeframe, thresholds: EdgeThresholds): EdgeVerdict {
  const pfRequired = thresholds.profitFactor[timeframe];
  const checks: EdgeCheck[] = [
    { name: "trades", value: metrics.trades, required: thresholds.minTrades, pass: metrics.trades >= thresholds.minTrades },
    { name: "winRate", value: metrics.winRate, required: thresholds.winRate, pass: metrics.winRate !== null && metrics.winRate >= thresholds.winRate },
    {
      name: "profitFactor",
      value: metrics.profitFactor,
      required: pfRequired,
      pass: metrics.profitFactorUnbounded || (metrics.profitFactor !== null && metrics.profitFactor >= pfRequired),
    },
    { name: "sharpe", value: metrics.sharpe, required: thresholds.sharpe, pass: metrics.sharpe !== null && metrics.sharpe >= thresholds.sharpe },
  ];
  const reasons: string[] = [];
  for (const c of checks) {
    if (c.pass) continue;
    switch (c.name) {
      case "trades":
        reasons.push(`trades ${c.value ?? 0} < ${c.required} minimum`);
        break;
      case "winRate":
        // No trades means no win rate to compare, not a win rate below the bar.
        reasons.push(c.value === null ? "win rate n/a — no trades" : `win rate ${pct(c.value)} < ${pct(c.required)}`);
        break;
      case "profitFactor":
        reasons.push(`profit factor ${c.value === null ? "undefined (no trades or no PnL)" : trim(c.value, 2)} < ${trim(c.required, 2)} (${timeframe})`);
        break;
      case "sharpe":
        reasons.push(`Sharpe ${c.value === null ? "undefined (too few days or no variance)" : trim(c.value, 2)} < ${trim(c.required, 2)}`);
        break;
    }
  }
  const enough = checks[0]?.pass === true;
  const status: EdgeStatus = !enough ? "insufficient_data" : reasons.length === 0 ? "pass" : "fail";
  return { status, reasons, checks };
}
