import type { AppConfig } from "@/lib/config-schema";
import type { BacktestSettings } from "@/lib/hypothesis-runs/backtest-settings";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";

/** One unit of parallel work: some hypotheses on one instrument, with just the series they read. */
export interface BacktestTask {
  readonly id: number;
  readonly bundle: MarketBundle;
  readonly hypotheses: readonly Hypothesis[];
  readonly settings: BacktestSettings;
  readonly regime: AppConfig["regime"];
}

export type WorkerMessage =
  | { readonly type: "run"; readonly taskId: number; readonly run: HypothesisRun }
  | { readonly type: "done"; readonly taskId: number }
  | { readonly type: "error"; readonly taskId: number; readonly message: string };
