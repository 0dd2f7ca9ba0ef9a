import { z } from "zod";
import { instrumentListSchema } from "@/lib/market/instruments";
import { CALIBRATION_EFFECT_NAMES } from "./calibration-effects";

/** Effect sizes from a few basis points per trade (comparable to 0.05% fees per side) to far beyond anything real. */
export const DEFAULT_EFFECT_SIZES = [0.001, 0.0025, 0.005, 0.01, 0.02] as const;

/** What a calibration runs: for every seed, the market without the effect and with it at each size (numbers may come as command-line text). */
export const calibrationOptionsSchema = z.strictObject({
  effect: z.enum(CALIBRATION_EFFECT_NAMES).default("rsi-bounce"),
  /** The trigger's level (RSI below, funding above); the effect's default without it. */
  level: z.coerce.number().optional(),
  sizes: z.array(z.coerce.number().gt(0).lt(0.5)).min(1).max(20).default([...DEFAULT_EFFECT_SIZES]),
  seeds: z.coerce.number().int().min(1).max(1000).default(20),
  /** Seeds are firstSeed, firstSeed + 1, …; the demo's 42 is as good as any. */
  firstSeed: z.coerce.number().int().min(0).max(2 ** 32 - 1000).default(1),
  months: z.coerce.number().int().min(1).max(24).default(6),
  /** Defaults to the configured instruments. */
  symbols: instrumentListSchema.optional(),
  /** End of every market's span (its months end here), the demo's by default in the CLI. */
  endMs: z.number().int().nonnegative(),
});
export type CalibrationOptions = z.infer<typeof calibrationOptionsSchema>;
