import type { RiskLimits } from "@/lib/backtest/risk-manager";
import { formatPercent } from "@/lib/format";

export interface RunSizing {
  readonly riskFraction: number;
  readonly leverage: number;
}

const pct = (fraction: number) => formatPercent(fraction, Number.isInteger(fraction * 100) ? 0 : 1);

/**
 * What risk rules governed a run, plainly: a single-hypothesis run sizes each trade by the per-trade risk rule and
 * nothing else (runBacktest measures the raw edge), while the account limits — concurrency, daily loss pause,
 * drawdown halt — act only in runPortfolio (the final report's portfolio, paper and live accounts). Without this a
 * 55% drawdown next to MAX_DRAWDOWN = 15% reads as a broken stop.
 */
export function describeRunRiskScope(kind: "single" | "portfolio", sizing: RunSizing | null, limits: RiskLimits): string {
  const perTrade = sizing ? `each trade risks ${pct(sizing.riskFraction)} of realised equity at its stop (leverage ${sizing.leverage}×)` : "each trade is sized by the per-trade risk rule";
  const account = `at most ${limits.maxConcurrent} positions open, entries paused for the UTC day at ${pct(limits.dailyLossLimit)}, a halt at a ${pct(limits.maxDrawdown)} drawdown (MAX_DRAWDOWN)`;
  if (kind === "portfolio") return `Portfolio run: ${perTrade}, and the account's risk manager applies: ${account}.`;
  return `Single-hypothesis run: ${perTrade}, one position at a time. The account's risk manager does not apply: its limits — ${account} — act only on the final report's portfolio and on paper/live accounts, so this run's drawdown can exceed ${pct(limits.maxDrawdown)}.`;
}
