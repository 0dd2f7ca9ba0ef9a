import type { Metrics } from "@/lib/backtest/metrics/types";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { describeRiskRewardShortfall, isRunBelowMinRiskReward, type RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import { formatRiskReward } from "@/lib/signals/min-risk-reward";

/** What lib/backtest/metrics/risk-adjusted.ts computes, in words: risk-free rate 0, whole UTC days only. */
export const SHARPE_NOTE = "annualised: mean ÷ standard deviation of daily returns (00:00 UTC) × √365";

/** One figure of the run page's grid: label, value, and an optional note underneath. */
export type RunStat = [label: string, value: string, note?: string];

const count = (value: unknown) => (typeof value === "number" ? value : null);
const usdt = (value: number | null) => (value === null ? "—" : `${formatNumber(value)} USDT`);
const hours = (ms: number) => (ms >= 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} d` : `${(ms / 3_600_000).toFixed(1)} h`);

/** The run's figures in reading order; ambiguous bars and reward:risk only when the run recorded them. */
export function runStats(m: Metrics, diagnostics: Readonly<Record<string, unknown>>, riskReward: RiskRewardReport | null, timeframe: string, startingEquity: number | null): RunStat[] {
  const stats: RunStat[] = [
    ["Trades", m.trades.toLocaleString("en-US")],
    ["Win rate", formatPercent(m.winRate), `${m.wins} won / ${m.losses} lost`],
    ["Profit factor", formatProfitFactor(m.profitFactor, m.profitFactorUnbounded)],
    ["Net return", formatPercent(m.netReturn, 2), startingEquity === null ? undefined : `${usdt(startingEquity * m.netReturn)} on ${formatNumber(startingEquity, 0)} USDT`],
    ["CAGR", formatPercent(m.cagr)],
    ["Sharpe", formatNumber(m.sharpe), SHARPE_NOTE],
    ["Sortino", formatNumber(m.sortino), "annualised: mean daily return ÷ downside deviation × √365"],
    ["Max drawdown", formatPercent(m.maxDrawdown), `of bar-close equity from its peak; lasted ${hours(m.maxDrawdownDurationMs)}`],
    ["Expectancy", usdt(m.expectancy), `per trade; ${formatNumber(m.expectancyR)} R`],
    ["Average win / loss", `${formatNumber(m.averageWin)} / ${formatNumber(m.averageLoss)}`, "USDT per trade"],
    ["Average hold", m.averageHoldMinutes === null ? "—" : `${formatNumber(m.averageHoldMinutes, 0)} min`],
    ["Trades per day", formatNumber(m.tradesPerDay)],
    ["Exposure", formatPercent(m.exposure), "of bar closes with a position open"],
    ["Fees paid", usdt(m.feesPaid)],
    ["Funding paid", usdt(m.fundingPaid), "negative = received"],
    ["Slippage cost", usdt(m.slippageCost)],
    ["Longest losing streak", String(m.longestLosingStreak)],
  ];
  const bothHit = count(diagnostics.ambiguousBars);
  const resolved = count(diagnostics.ambiguousResolvedBy1m);
  const assumed = count(diagnostics.ambiguousAssumedStop);
  if (bothHit !== null) {
    const split = resolved !== null && assumed !== null ? `${resolved} ordered by 1m data, ${assumed} assumed stop first` : undefined;
    stats.push(["Bars hitting stop and target", String(bothHit), split]);
  }
  if (riskReward) {
    const value = riskReward.planned === null ? "per trade" : formatRiskReward(riskReward.planned, riskReward.minimum);
    const note = isRunBelowMinRiskReward(riskReward)
      ? describeRiskRewardShortfall(riskReward, timeframe, m.trades)
      : `minimum ${riskReward.minimum}R for ${timeframe}${riskReward.planned === null ? "; no trade below it" : ""}`;
    stats.push(["Reward:risk", value, note]);
  }
  return stats;
}
