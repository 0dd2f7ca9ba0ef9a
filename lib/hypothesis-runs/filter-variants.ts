import type { Hypothesis } from "@/lib/signals/hypothesis";
import { withHigherTimeframeFilter } from "../signals/higher-timeframe-filter";
import type { HypothesisRun } from "./run-hypotheses";

export interface FilterVariantPlan {
  /** The task's own hypotheses first, in their order, then the variants. */
  readonly hypotheses: Hypothesis[];
  /** Per own hypothesis: where its variant sits in `hypotheses` and the conditions it adds, or null (30m has none). */
  readonly variants: ({ readonly index: number; readonly filter: string[] } | null)[];
}

/** What the filter comparison needs of a variant's run. */
export interface FilterVariantOutcome {
  readonly hypothesisId: string;
  readonly filter: string[];
  readonly netPnl: number[];
}

/**
 * A backtest task's hypotheses with the higher-timeframe variant of each appended, so the variants run where their
 * data and most of their indicators already are instead of being backtested again by the analysis.
 */
export function withFilterVariants(own: readonly Hypothesis[]): FilterVariantPlan {
  const hypotheses = [...own];
  const variants = own.map((h) => {
    const variant = withHigherTimeframeFilter(h);
    if (!variant) return null;
    hypotheses.push(variant);
    return { index: hypotheses.length - 1, filter: variant.entryConditions.slice(h.entryConditions.length) };
  });
  return { hypotheses, variants };
}

/** The plan's runs (in the order of its hypotheses) as the own runs, each with its variant's outcome or null. */
export function pairVariantRuns(plan: FilterVariantPlan, runs: readonly HypothesisRun[]): { run: HypothesisRun; variant: FilterVariantOutcome | null }[] {
  const runAt = (i: number): HypothesisRun => {
    const run = runs[i];
    if (!run) throw new Error(`a backtest task returned ${runs.length} runs for ${plan.hypotheses.length} hypotheses`);
    return run;
  };
  return plan.variants.map((v, k) => {
    const run = runAt(k);
    if (!v) return { run, variant: null };
    const variantRun = runAt(v.index);
    return { run, variant: { hypothesisId: variantRun.hypothesisId, filter: v.filter, netPnl: variantRun.trades.map((t) => t.netPnl) } };
  });
}
