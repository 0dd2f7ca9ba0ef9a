import { BelowMinRiskRewardBadge } from "@/components/backtests/risk-reward-badge";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { RunSummaryJson } from "@/lib/contract/backtests";

/** The analysed batch's runs by trial, so a trial can say it tested exits below its timeframe's minimum reward:risk. */
export type TrialRuns = ReadonlyMap<string, RunSummaryJson>;

export const trialKey = (hypothesisId: string | null, symbol: string) => `${hypothesisId} ${symbol}`;

/** "below min R:R" beside a trial whose run tested exits below the minimum; nothing when its run is not stored. */
export function TrialRiskRewardBadge({ entry, runs }: { entry: EdgeReportEntry; runs: TrialRuns }) {
  const run = runs.get(trialKey(entry.hypothesisId, entry.symbol));
  return run ? <BelowMinRiskRewardBadge report={run.riskReward} timeframe={entry.timeframe} trades={run.trades} /> : null;
}
