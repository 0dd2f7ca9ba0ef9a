import { z } from "zod";

/** Every candle timeframe the system stores. 2m is never fetched: it is resampled from 1m. */
export const TIMEFRAMES = ["1m", "2m", "5m", "15m", "30m", "1h", "4h", "12h", "1d", "1w"] as const;
export const timeframeSchema = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof timeframeSchema>;

/** The trading timeframes the system researches. 1m is a data-only timeframe (2m is built from it). */
export const TRADING_TIMEFRAMES = ["2m", "5m", "15m", "30m"] as const;
export const tradingTimeframeSchema = z.enum(TRADING_TIMEFRAMES);
export type TradingTimeframe = z.infer<typeof tradingTimeframeSchema>;

const MINUTE_MS = 60_000;
const UNIT_MS = { m: MINUTE_MS, h: 60 * MINUTE_MS, d: 24 * 60 * MINUTE_MS, w: 7 * 24 * 60 * MINUTE_MS } as const;

export class TimeframeError extends Error {
  readonly code = "TIMEFRAME_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "TimeframeError";
  }
}

/** Parses a timeframe name, naming the known ones when it is not one of them. */
export function parseTimeframe(value: string): Timeframe {
  const result = timeframeSchema.safeParse(value.trim());
  if (!result.success) throw new TimeframeError(`Unknown timeframe "${value}"; known: ${TIMEFRAMES.join(", ")}`);
  return result.data;
}

/** Length of one bar in milliseconds. */
export function timeframeMs(tf: Timeframe): number {
  const unit = tf.slice(-1) as keyof typeof UNIT_MS;
  return Number(tf.slice(0, -1)) * UNIT_MS[unit];
}

export function timeframeMinutes(tf: Timeframe): number {
  return timeframeMs(tf) / MINUTE_MS;
}

/**
 * Open time of the bar containing `timeMs`, aligned on multiples of the timeframe since the Unix epoch (UTC).
 * Weekly bars are aligned on Mondays, as exchanges do (the epoch was a Thursday).
 */
export function bucketStart(timeMs: number, tf: Timeframe): number {
  const size = timeframeMs(tf);
  const offset = tf === "1w" ? 4 * UNIT_MS.d : 0;
  return Math.floor((timeMs - offset) / size) * size + offset;
}

export function isAligned(timeMs: number, tf: Timeframe): boolean {
  return bucketStart(timeMs, tf) === timeMs;
}

/** `bucketStart` fixed to one timeframe, for loops over many bars (it skips re-parsing the timeframe per call). */
export function bucketStarter(tf: Timeframe): (timeMs: number) => number {
  const size = timeframeMs(tf);
  const offset = tf === "1w" ? 4 * UNIT_MS.d : 0;
  return (timeMs) => Math.floor((timeMs - offset) / size) * size + offset;
}

/**
 * Orders timeframe names by bar length (2m, 5m, 15m, 30m), not as strings (which put 15m before 2m); a name that is
 * not a timeframe sorts after every timeframe, by its text.
 */
export function compareTimeframes(a: string, b: string): number {
  const ka = timeframeSchema.safeParse(a);
  const kb = timeframeSchema.safeParse(b);
  if (ka.success && kb.success) return timeframeMs(ka.data) - timeframeMs(kb.data);
  if (ka.success !== kb.success) return ka.success ? -1 : 1;
  return a.localeCompare(b);
}
