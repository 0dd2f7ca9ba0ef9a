import { describeRiskRewardShortfall, isRunBelowMinRiskReward, type RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";

/**
 * Marks results of exits below the timeframe's minimum reward:risk (tested on the user's say-so, or ATR stops whose
 * trades fell below it); the title says by how much. Nothing for runs that meet it or predate the measurement.
 */
export function BelowMinRiskRewardBadge({ report, timeframe, trades }: { report: RiskRewardReport | null; timeframe: string; trades: number }) {
  if (!report || !isRunBelowMinRiskReward(report)) return null;
  return (
    <>
      {" "}
      <span className="badge warn" title={describeRiskRewardShortfall(report, timeframe, trades)} data-testid="below-min-rr">
        below min R:R
      </span>
    </>
  );
}
