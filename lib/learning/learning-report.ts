import type { BacktestOverfitting } from "@/lib/analysis/backtest-overfitting";
import type { LearnedKind } from "@/lib/signals/learned-spec";
import type { CalibrationBin, OutOfSampleStats } from "./meta-label-report";

/**
 * One learned variant on one instrument beside what it learned from, over the variant's own out-of-sample period
 * (it trades only from its first model's bar on; the plain side is cut to the same period).
 */
export interface LearnedVariantRow {
  readonly variantId: string;
  readonly variantName: string;
  readonly kind: LearnedKind;
  readonly symbol: string;
  readonly timeframe: string;
  /** What it is compared with: the base hypothesis (meta-label), the ensemble's members, the tuning family. */
  readonly plain: { readonly id: string; readonly name: string }[];
  readonly from: number;
  readonly to: number;
  readonly plainStats: OutOfSampleStats;
  readonly variantStats: OutOfSampleStats;
  /** Model versions trained walk-forward, or a tuned variant's windows (none for a vote). */
  readonly versions: number;
  readonly importances?: { readonly feature: string; readonly importance: number }[];
  readonly calibration?: CalibrationBin[];
  readonly thresholds?: number[];
  /** Tuning only: each window's choice and its in-sample → out-of-sample Sharpe. */
  /** `chosenFrom`–`from`: the window the member was chosen on; `from`–`to`: the window it traded. */
  readonly windows?: { readonly chosenFrom: number; readonly from: number; readonly to: number; readonly chosenName: string; readonly inSampleSharpe: number | null; readonly outOfSampleSharpe: number | null }[];
  readonly degradation?: { readonly inSampleMean: number | null; readonly outOfSampleMean: number | null };
  readonly pbo?: BacktestOverfitting | null;
}

/** What the learning phase made of a backtest batch, stored with it and shown on the Edge page. */
export interface LearningReport {
  readonly batchId: string;
  readonly variants: LearnedVariantRow[];
  /** PBO of the whole parameter-tuning search (every family's members together). */
  readonly tuningSearch: BacktestOverfitting | null;
  /** Runs not learned from, by reason ("fewer than 60 trades"). */
  readonly skipped: { readonly reason: string; readonly count: number }[];
  readonly durationMs: number;
}
