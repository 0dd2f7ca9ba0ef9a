import type { AppConfig } from "@/lib/config-schema";
import type { BacktestTask } from "@/lib/jobs/workers/backtest-task";
import { runBacktestTasks } from "@/lib/jobs/workers/run-backtest-tasks";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import type { BacktestRunner } from "@/lib/calibration/judge-market";
import type { HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";

/** The calibration's backtests split as the pipeline splits them (one task per timeframe), on the process's worker threads. */
export function threadedBacktestRunner(config: AppConfig): BacktestRunner {
  const settings = backtestSettingsFromConfig(config);
  return async (bundle, hypotheses) => {
    const byTimeframe = new Map<string, Hypothesis[]>();
    for (const h of hypotheses) byTimeframe.set(h.timeframe, [...(byTimeframe.get(h.timeframe) ?? []), h]);
    const tasks: BacktestTask[] = [...byTimeframe.values()].map((group, id) => ({ id, bundle, hypotheses: group, settings, regime: config.regime }));
    const runs: HypothesisRun[] = [];
    await runBacktestTasks(tasks, (run) => {
      runs.push(run);
    });
    return runs;
  };
}
