import type { PlantedEffect } from "@/lib/market/planted-effect";

/** What to plant and which tested hypothesis should find it. */
export interface CalibrationTarget {
  readonly matching: string;
  /** The effect at a size: the planted move's magnitude as a fraction, in the direction the hypothesis profits from. */
  readonly plant: (size: number) => PlantedEffect;
}

/**
 * The effects a calibration can plant, each beside the catalog hypothesis that trades it (names as the catalog
 * writes them): the pipeline tests that hypothesis anyway, so finding the effect needs nothing it would not do.
 * `level` is the trigger's, and must be one of the configured levels for the hypothesis to exist.
 */
export const CALIBRATION_EFFECTS = {
  /** After an 8-hour funding print above `level`, price drifts down over the next 8 hours (to the next print). */
  "funding-fade": {
    defaultLevel: 0.0003,
    at: (level: number): CalibrationTarget => ({
      matching: `Funding_Extreme_15m_Short_Positive_${level}`,
      plant: (size) => ({ kind: "funding-above", level, move: -size, minutes: 480 }),
    }),
  },
  /** After a bullish 5m bar closes with RSI(14) below `level` (the hypothesis's own entry rule), price bounces up over the next hour. */
  "rsi-bounce": {
    defaultLevel: 25,
    at: (level: number): CalibrationTarget => ({
      matching: `RSI14_Oversold${level}_5m_Reversal_Long`,
      plant: (size) => ({ kind: "rsi-below", timeframe: "5m", period: 14, level, candle: "bullish", move: size, minutes: 60 }),
    }),
  },
} as const;

export type CalibrationEffectName = keyof typeof CALIBRATION_EFFECTS;
export const CALIBRATION_EFFECT_NAMES = Object.keys(CALIBRATION_EFFECTS) as [CalibrationEffectName, ...CalibrationEffectName[]];
