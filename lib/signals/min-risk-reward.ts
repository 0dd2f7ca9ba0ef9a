/**
 * Comparing a reward:risk with a timeframe's minimum (config `minRiskReward`). Kept free of imports so the
 * dashboard's browser code can judge a stored run without loading the rule language.
 */

/** The code of the rule issue a form recognises (to offer `allowBelowMinRiskReward`). */
export const BELOW_MIN_RISK_REWARD = "below_min_risk_reward";

/** Written multiples carry float error (1.95 ATR over 1.5 ATR is 1.2999…97): a shortfall this small is none. */
const TOLERANCE = 1e-9;

export function isBelowMinRiskReward(riskReward: number, minimum: number): boolean {
  return riskReward < minimum - TOLERANCE;
}

/** `0.6R`; with more digits when two decimals would show the minimum itself (1.2996R against 1.3R). */
export function formatRiskReward(riskReward: number, minimum: number): string {
  const short = Number(riskReward.toFixed(2));
  return `${isBelowMinRiskReward(short, minimum) ? short : Number(riskReward.toPrecision(6))}R`;
}
