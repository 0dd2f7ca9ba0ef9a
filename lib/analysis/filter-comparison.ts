import { profitFactor } from "@/lib/backtest/metrics/profit-factor";
import { twoProportionTest } from "./two-proportion-test";

export interface FilterSide {
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number | null;
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
}

export type FilterVerdict = "better" | "worse" | "no significant difference";

export interface FilterComparison {
  readonly without: FilterSide;
  readonly with: FilterSide;
  /** with − without; null when either side has no trades. */
  readonly winRateDifference: number | null;
  /** with − without; null when either profit factor is undefined or unbounded. */
  readonly profitFactorDifference: number | null;
  readonly z: number | null;
  readonly pValue: number | null;
  readonly alpha: number;
  readonly verdict: FilterVerdict;
}

function side(pnls: readonly { readonly netPnl: number }[]): FilterSide {
  const wins = pnls.filter((t) => t.netPnl > 0).length;
  const pf = profitFactor(pnls);
  return { trades: pnls.length, wins, winRate: pnls.length > 0 ? wins / pnls.length : null, profitFactor: pf.value, profitFactorUnbounded: pf.unbounded };
}

/**
 * A hypothesis's trades without and with a higher-timeframe filter, side by side, with a pooled two-proportion z-test
 * of the win rates: `better`/`worse` when p < α (default 0.05), by the sign of the difference.
 * Caveat: filtered trades are usually a subset of the unfiltered ones, so the samples overlap and the test (which
 * assumes independence) is conservative for a subset comparison; treat p as a screen, not a proof.
 */
export function compareFilter(
  without: readonly { readonly netPnl: number }[],
  withFilter: readonly { readonly netPnl: number }[],
  alpha = 0.05,
): FilterComparison {
  const a = side(without);
  const b = side(withFilter);
  const test = twoProportionTest(b.wins, b.trades, a.wins, a.trades);
  const bothBounded = a.profitFactor !== null && b.profitFactor !== null;
  let verdict: FilterVerdict = "no significant difference";
  if (test && test.pValue < alpha) verdict = test.difference > 0 ? "better" : "worse";
  return {
    without: a,
    with: b,
    winRateDifference: test?.difference ?? null,
    profitFactorDifference: bothBounded ? (b.profitFactor ?? 0) - (a.profitFactor ?? 0) : null,
    z: test?.z ?? null,
    pValue: test?.pValue ?? null,
    alpha,
    verdict,
  };
}
