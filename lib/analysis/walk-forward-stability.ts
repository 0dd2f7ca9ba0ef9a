import type { AppConfig } from "@/lib/config-schema";
import type { WalkForwardWindowResult } from "./walk-forward";

export type WalkForwardSettings = AppConfig["walkForward"];

export interface WalkForwardStability {
  readonly windows: number;
  /** Windows whose test segment made money (net PnL > 0); a window without trades made none. */
  readonly profitableWindows: number;
  /** Windows whose test segment passes every threshold on its own (few do: each holds a fraction of the trades). */
  readonly passingWindows: number;
  /** Sample standard deviation of the per-window Sharpes (annualised), over the windows that have one; null below two. */
  readonly sharpeDispersion: number | null;
  /** The window with the largest net PnL, and that PnL over the windows' total: above 1 when the others lost money. */
  readonly largestWindow: number | null;
  /** Null when the windows made no money in total: there is no profit to share. */
  readonly largestWindowShare: number | null;
  /** The windows made money in total, but it lives in one: one carries more than the allowed share, or too few made any. */
  readonly concentrated: boolean;
  /**
   * Why the walk-forward does not support an edge (empty when it does): the concentration rules broken, or no profit
   * across the windows at all. The walk-forward gate fails a pass with any.
   */
  readonly reasons: string[];
}

function sampleStd(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
}

/**
 * How evenly the walk-forward windows share a run's profit. Losing windows offset winning ones in the total, so a run
 * whose gains come from one window while the others give some back shows a share near or above 1.
 */
export function walkForwardStability(windows: readonly WalkForwardWindowResult[], settings: Pick<WalkForwardSettings, "maxWindowProfitShare" | "minProfitableWindows">): WalkForwardStability {
  let total = 0;
  let largest: WalkForwardWindowResult | null = null;
  for (const w of windows) {
    total += w.metrics.netPnl;
    if (largest === null || w.metrics.netPnl > largest.metrics.netPnl) largest = w;
  }
  const profitableWindows = windows.filter((w) => w.metrics.netPnl > 0).length;
  const largestWindowShare = largest !== null && total > 0 ? largest.metrics.netPnl / total : null;
  const reasons: string[] = [];
  if (largest !== null && largestWindowShare !== null && largestWindowShare > settings.maxWindowProfitShare) {
    reasons.push(`window ${largest.index + 1} carries ${Math.round(largestWindowShare * 100)}% of the windows' net profit (> ${Math.round(settings.maxWindowProfitShare * 100)}%)`);
  }
  if (total > 0 && profitableWindows < settings.minProfitableWindows) {
    reasons.push(`profitable in ${profitableWindows} of ${windows.length} windows (< ${settings.minProfitableWindows})`);
  }
  const concentrated = reasons.length > 0;
  // A profit made before the first test window and given back in them is one episode too.
  if (!(total > 0)) reasons.push(`no net profit across the ${windows.length} windows`);
  return {
    windows: windows.length,
    profitableWindows,
    passingWindows: windows.filter((w) => w.status === "pass").length,
    sharpeDispersion: sampleStd(windows.flatMap((w) => (w.metrics.sharpe === null ? [] : [w.metrics.sharpe]))),
    largestWindow: largest?.index ?? null,
    largestWindowShare,
    concentrated,
    reasons,
  };
}
