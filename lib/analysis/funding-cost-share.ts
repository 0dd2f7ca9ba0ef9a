import type { Metrics } from "@/lib/backtest/metrics/types";

export interface CostShareRun {
  readonly timeframe: string;
  readonly metrics: Pick<Metrics, "feesPaid" | "fundingPaid" | "slippageCost">;
}

export interface FundingCostShare {
  readonly timeframe: string;
  readonly runs: number;
  readonly feesPaid: number;
  /** Net funding paid; negative when the runs received more funding than they paid. */
  readonly fundingPaid: number;
  readonly slippageCost: number;
  /** fees + funding + slippage. */
  readonly totalCost: number;
  /** fundingPaid / totalCost (negative for a net rebate); null when total cost is not positive. */
  readonly fundingShare: number | null;
}

/**
 * Per timeframe (in order of first appearance), the share of total trading costs that funding makes up, summed over
 * the runs' metrics. Slippage is counted as a cost even though the engine books it inside the fill prices.
 */
export function fundingCostShare(runs: readonly CostShareRun[]): FundingCostShare[] {
  const totals = new Map<string, { runs: number; fees: number; funding: number; slippage: number }>();
  for (const run of runs) {
    const t = totals.get(run.timeframe) ?? { runs: 0, fees: 0, funding: 0, slippage: 0 };
    totals.set(run.timeframe, {
      runs: t.runs + 1,
      fees: t.fees + run.metrics.feesPaid,
      funding: t.funding + run.metrics.fundingPaid,
      slippage: t.slippage + run.metrics.slippageCost,
    });
  }
  return [...totals].map(([timeframe, t]) => {
    const totalCost = t.fees + t.funding + t.slippage;
    return {
      timeframe,
      runs: t.runs,
      feesPaid: t.fees,
      fundingPaid: t.funding,
      slippageCost: t.slippage,
      totalCost,
      fundingShare: totalCost > 0 ? t.funding / totalCost : null,
    };
  });
}
