import type { Period } from "@/lib/analysis/types";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { LearningError } from "./errors";

/** Six windows: five out-of-sample choices, each on about a month of a six-month lookback. */
export const DEFAULT_TUNING_WINDOWS = 6;
/** A Sharpe of daily returns over fewer days says next to nothing about which setting is better. */
export const DEFAULT_MIN_WINDOW_DAYS = 7;

/**
 * Consecutive windows tiling [from, to): up to `count` of them, each at least `minDays` whole days, fewer when the
 * period is too short for `count`. The inner boundaries fall on UTC midnights, so the windows' daily returns tile the
 * period's without a day split between two windows; the first window starts at `from`, the last ends at `to`. Empty
 * when not even two windows fit.
 */
export function tuningWindows(period: Period, count: number, minDays: number): Period[] {
  if (!Number.isInteger(count) || count < 2) throw new LearningError("INVALID_OPTION", `windows must be an integer of at least 2, got ${count}`);
  if (!Number.isInteger(minDays) || minDays < 2) throw new LearningError("INVALID_OPTION", `minWindowDays must be an integer of at least 2, got ${minDays}`);
  const firstMidnight = Math.ceil(period.from / DAY_MS) * DAY_MS;
  const days = Math.floor((period.to - firstMidnight) / DAY_MS);
  const fitting = Math.min(count, Math.floor(days / minDays));
  if (fitting < 2) return [];
  const bounds = [period.from];
  for (let k = 1; k < fitting; k++) bounds.push(firstMidnight + Math.round((k * days) / fitting) * DAY_MS);
  bounds.push(period.to);
  return bounds.slice(1).map((to, k) => ({ from: bounds[k] as number, to }));
}
