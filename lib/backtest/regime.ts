import type { AppConfig } from "../config-schema";
import type { CandleSeries } from "../market/series";
import { adx } from "../signals/indicators/adx";
import { efficiencyRatio } from "./efficiency-ratio";
import { REGIME, type RegimeCode } from "./regime-codes";

export type RegimeSettings = AppConfig["regime"];

/**
 * Classifies every bar, causally (bar t reads bars ≤ t only):
 * - trending (0): ADX ≥ trendingAdx and ER ≥ trendingEfficiency — strong and clean directional movement;
 * - choppy (2): not trending and ER < choppyEfficiency — the path wanders far more than it travels;
 * - ranging (1): everything else;
 * - unknown (3): warm-up bars where ADX or ER is not defined yet. A separate code keeps warm-up bars from silently
 *   inflating "ranging" statistics; allocation treats them as neutral.
 */
export function classifyRegimes(series: CandleSeries, settings: RegimeSettings): Uint8Array {
  const n = series.length;
  const adxValues = adx(series.high, series.low, series.close, settings.adxPeriod).adx;
  const er = efficiencyRatio(series.close, settings.efficiencyPeriod, n);
  const out = new Uint8Array(n);
  for (let t = 0; t < n; t++) out[t] = regimeOf(adxValues[t] ?? NaN, er[t] ?? NaN, settings);
  return out;
}

/** The regime of one bar from its ADX and efficiency ratio (shared with the paper engine's per-bar path). */
export function regimeOf(adx: number, efficiency: number, settings: RegimeSettings): RegimeCode {
  if (Number.isNaN(adx) || Number.isNaN(efficiency)) return REGIME.unknown;
  if (adx >= settings.trendingAdx && efficiency >= settings.trendingEfficiency) return REGIME.trending;
  if (efficiency < settings.choppyEfficiency) return REGIME.choppy;
  return REGIME.ranging;
}
