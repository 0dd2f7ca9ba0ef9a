import type { DistanceSpec, ExitSpec, StopSpec as EngineStopSpec } from "@/lib/backtest/types";
import type { StopSpec, TargetSpec } from "@/lib/signals/exit-spec";

/** The ATR period an exit needs (both must agree: the engine reads one ATR column), or undefined for fixed distances. */
export function exitAtrPeriod(stop: StopSpec, target: TargetSpec): number | undefined {
  const periods = new Set<number>();
  if (stop.kind === "atr") periods.add(stop.period);
  if (target.kind === "atr") periods.add(target.period);
  if (periods.size > 1) throw new Error(`stop and target use different ATR periods (${[...periods].join(" and ")}); use one period`);
  return [...periods][0];
}

/** The ATR a leg keeps as a column (sizing and the trade log read it): its exits' period, else 14. */
export function legAtrPeriod(stop: StopSpec, target: TargetSpec): number {
  return exitAtrPeriod(stop, target) ?? 14;
}

function toDistance(spec: StopSpec): EngineStopSpec {
  switch (spec.kind) {
    case "atr":
      return { kind: "atr", multiple: spec.multiple };
    case "bps":
      return { kind: "bps", bps: spec.bps };
    case "percent":
      return { kind: "percent", pct: spec.pct };
  }
}

/** The rule language's stop and target as the engine's distance specs (side is implied by the direction). */
export function toEngineExits(stop: StopSpec, target: TargetSpec): ExitSpec {
  const engineTarget: DistanceSpec = target.kind === "r" ? { kind: "r", multiple: target.multiple } : toDistance(target);
  return { stop: toDistance(stop), target: engineTarget };
}
