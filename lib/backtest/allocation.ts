import type { TradingTimeframe } from "../market/timeframe";
import { REGIME, type RegimeCode } from "./regime-codes";

type ClassifiedRegime = "trending" | "ranging" | "choppy";

/**
 * Share of risk each timeframe gets in a regime (each row sums to 1).
 * - trending: slow timeframes ride the move with less noise per unit of fees;
 * - choppy: fast timeframes, whose short holds finish before the chop reverses them;
 * - ranging: mean reversion works best where bands are stable but swings still cover fees, so 5m and 15m lead,
 *   2m (fee-dominated) and 30m (few swings per range) trail.
 */
export const REGIME_TIMEFRAME_WEIGHTS: Readonly<Record<ClassifiedRegime, Readonly<Record<TradingTimeframe, number>>>> = {
  trending: { "30m": 0.4, "15m": 0.3, "5m": 0.2, "2m": 0.1 },
  choppy: { "2m": 0.4, "5m": 0.35, "15m": 0.2, "30m": 0.05 },
  ranging: { "5m": 0.35, "15m": 0.35, "2m": 0.15, "30m": 0.15 },
};

const NAMES: Readonly<Record<RegimeCode, ClassifiedRegime | null>> = {
  [REGIME.trending]: "trending",
  [REGIME.ranging]: "ranging",
  [REGIME.choppy]: "choppy",
  [REGIME.unknown]: null,
};

/**
 * Multiplier on a position's risk fraction:
 *   scale = w(regime, tf) / Σ_{a ∈ active} w(regime, a) × |active|
 * where `active` are the distinct timeframes traded by the portfolio. Renormalising over the active timeframes keeps
 * the average scale at 1 — with all four timeframes in a trending regime a 30m entry risks 0.40 × 4 = 1.6 × the base
 * fraction and a 2m entry 0.4 ×. Unknown regime (warm-up, no regime data) → 1.
 */
export function allocationScale(regime: RegimeCode, timeframe: TradingTimeframe, active: readonly TradingTimeframe[]): number {
  const name = NAMES[regime];
  if (name === null) return 1;
  const weights = REGIME_TIMEFRAME_WEIGHTS[name];
  let total = 0;
  for (const tf of active) total += weights[tf];
  return total > 0 ? (weights[timeframe] / total) * active.length : 1;
}
