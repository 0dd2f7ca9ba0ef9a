import type { Trade } from "@/lib/backtest/types";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import type { LearnedVariantRow } from "./learning-report";
import type { MetaLabelResult } from "./meta-label";
import { metaLabelReport, outOfSampleStats } from "./meta-label-report";
import type { TuningResult } from "./parameter-tuning";

/**
 * A learned variant's row of the learning report: its run beside the plain run it is measured against (the base
 * hypothesis, an ensemble's best in-sample member, a family's first choice held fixed), both cut to the variant's own
 * period, which starts where its first model, or its first out-of-sample window, does.
 */
export function learnedVariantRow(args: {
  variant: Hypothesis;
  symbol: string;
  /** What it learned from, named on the page. */
  plain: readonly Hypothesis[];
  /** The one plain run's trades it is compared with. */
  plainTrades: readonly Trade[];
  variantRun: HypothesisRun;
  /** A gated variant's training, and the ungated leg's trades it labelled (for the calibration). */
  meta?: { result: MetaLabelResult; labels: readonly Trade[] };
  tuning?: TuningResult;
}): LearnedVariantRow {
  const { variant, variantRun: run, meta, tuning } = args;
  const kind = variant.learned?.kind;
  if (!kind) throw new Error(`${variant.name} is not a learned variant`);
  const inPeriod = (trades: readonly Trade[]) => trades.filter((t) => t.entryTime >= run.fromTime && t.entryTime <= run.toTime);
  const report = meta ? metaLabelReport({ result: meta.result, plainTrades: meta.labels, variantTrades: run.trades }) : null;
  return {
    variantId: variant.id,
    variantName: variant.name,
    kind,
    symbol: args.symbol,
    timeframe: variant.timeframe,
    plain: args.plain.map((h) => ({ id: h.id, name: h.name })),
    from: run.fromTime,
    to: run.toTime,
    plainStats: outOfSampleStats(inPeriod(args.plainTrades)),
    variantStats: outOfSampleStats(inPeriod(run.trades)),
    versions: report?.versions ?? (tuning ? tuning.windows.length : 0),
    ...(report
      ? {
          importances: Object.entries(report.importances)
            .map(([feature, importance]) => ({ feature, importance }))
            .sort((a, b) => b.importance - a.importance || a.feature.localeCompare(b.feature)),
          calibration: report.calibration,
          thresholds: report.thresholds,
        }
      : {}),
    ...(tuning
      ? {
          windows: tuning.windows.map((w) => ({ chosenFrom: w.from, from: w.to, to: w.tradeTo, chosenName: w.chosenName ?? "none (flat)", inSampleSharpe: w.inSample?.sharpe ?? null, outOfSampleSharpe: w.outOfSample?.sharpe ?? null })),
          degradation: { inSampleMean: tuning.degradation.inSampleMean, outOfSampleMean: tuning.degradation.outOfSampleMean },
          pbo: tuning.pbo,
        }
      : {}),
  };
}
