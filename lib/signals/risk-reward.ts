import type { TradingTimeframe } from "@/lib/market/timeframe";
import { parseStop, parseTarget, type StopSpec, type TargetSpec } from "./exit-spec";
import type { Hypothesis, RuleIssue } from "./hypothesis";
import { BELOW_MIN_RISK_REWARD, formatRiskReward, isBelowMinRiskReward } from "./min-risk-reward";

/** Distance in basis points of price, for specs whose distance does not depend on volatility. */
function fixedBps(spec: StopSpec | TargetSpec): number | undefined {
  if (spec.kind === "bps") return spec.bps;
  if (spec.kind === "percent") return spec.pct * 100;
  return undefined;
}

/**
 * Reward-to-risk of a hypothesis's exits when it is knowable without market data: an R target, two ATR
 * distances of the same period, or two fixed (bps/percent) distances. Null for mixed ATR-vs-fixed pairs.
 */
export function riskRewardOf(h: Pick<Hypothesis, "stopLoss" | "target">): number | null {
  const stop = parseStop(h.stopLoss);
  const target = parseTarget(h.target);
  if (target.kind === "r") return target.multiple;
  if (stop.kind === "atr" && target.kind === "atr") return stop.period === target.period ? target.multiple / stop.multiple : null;
  const s = fixedBps(stop);
  const t = fixedBps(target);
  return s !== undefined && t !== undefined ? t / s : null;
}

/**
 * Why a hypothesis's exits are refused: reward:risk fixed by the rules and below the timeframe's minimum, and the
 * hypothesis does not say `allowBelowMinRiskReward`. Null when it meets the minimum, is allowed below it, or its
 * reward:risk depends on price and ATR (an ATR stop against a pips/percent target): those are judged per trade when
 * backtested, and their runs flagged. Assumes the stop and target parse.
 */
export function minRiskRewardIssue(
  h: Pick<Hypothesis, "timeframe" | "stopLoss" | "target" | "allowBelowMinRiskReward">,
  minRiskReward: Readonly<Record<TradingTimeframe, number>>,
): RuleIssue | null {
  if (h.allowBelowMinRiskReward === true) return null;
  const planned = riskRewardOf(h);
  const minimum = minRiskReward[h.timeframe];
  if (planned === null || !isBelowMinRiskReward(planned, minimum)) return null;
  return {
    field: "target",
    code: BELOW_MIN_RISK_REWARD,
    message: `${h.target.trim()} over stop ${h.stopLoss.trim()} is ${formatRiskReward(planned, minimum)} on ${h.timeframe}: below the minimum ${minimum}R for ${h.timeframe}`,
  };
}
