import { parseStop, parseTarget, type StopSpec, type TargetSpec } from "./exit-spec";
import type { Hypothesis } from "./hypothesis";

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
