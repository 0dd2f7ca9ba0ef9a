import type { AppConfig } from "@/lib/config-schema";
import type { BacktestSettings } from "@/lib/hypothesis-runs/backtest-settings";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import { requireSeries } from "@/lib/hypothesis-runs/market-bundle";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { CandleSeries } from "@/lib/market/series";
import type { Timeframe } from "@/lib/market/timeframe";
import { compileHypothesis } from "@/lib/signals/compile-hypothesis";
import type { Hypothesis } from "@/lib/signals/hypothesis";

/** What a backtest task row holds: everything a worker on any machine needs besides the stored market data. */
export interface BacktestTaskParams {
  readonly symbol: string;
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly hypotheses: readonly Hypothesis[];
  readonly settings: BacktestSettings;
  readonly regime: AppConfig["regime"];
}

/** A finished run as the batch collects it: the engine's summary without trades and equity, with its stored id. */
export interface BacktestRunSummary extends Omit<HypothesisRun, "trades" | "equity"> {
  runId: string;
}

/** The series a group of hypotheses reads: their own timeframe and every timeframe their rules reference. */
export function requiredTimeframes(hypotheses: readonly Hypothesis[]): Timeframe[] {
  const required = new Set<Timeframe>();
  for (const h of hypotheses) {
    required.add(h.timeframe);
    for (const tf of compileHypothesis(h).timeframes) required.add(tf);
  }
  return [...required];
}

/** Just the series a group of hypotheses reads (plus 1m for the fill model's look-inside), each required to be there. */
export function bundleFor(bundle: MarketBundle, hypotheses: readonly Hypothesis[]): MarketBundle {
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const tf of requiredTimeframes(hypotheses)) series[tf] = requireSeries(bundle, tf);
  if (bundle.series["1m"]) series["1m"] = bundle.series["1m"];
  return { symbol: bundle.symbol, series, funding: bundle.funding };
}
