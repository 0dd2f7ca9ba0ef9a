import type { DistanceSpec, StopSpec } from "./types";

/** Absolute price distance of a stop from the entry fill. NaN when the ATR is not yet defined. */
export function stopDistance(spec: StopSpec, fill: number, atr: number): number {
  switch (spec.kind) {
    case "atr":
      return spec.multiple * atr;
    case "bps":
      return fill * spec.bps * 1e-4;
    case "percent":
      return (fill * spec.pct) / 100;
  }
}

/** Absolute price distance of a target from the entry fill; `r` targets are multiples of the stop distance. */
export function targetDistance(spec: DistanceSpec, fill: number, atr: number, stop: number): number {
  return spec.kind === "r" ? spec.multiple * stop : stopDistance(spec, fill, atr);
}

/** True when the spec needs an ATR value, so an undefined ATR (warm-up) must block the entry. */
export function needsAtr(spec: DistanceSpec): boolean {
  return spec.kind === "atr";
}
