import type { CandleSeries, FundingSeries } from "../market/series";
import { timeframeMs } from "../market/timeframe";
import { BacktestError } from "./errors";
import type { DistanceSpec, Direction, ExitSpec, Fees, LegInput, Sizing } from "./types";

/** Validated, precomputed view of one leg that the fill model reads. Built once per run, never per bar. */
export interface LegContext {
  readonly id: string;
  readonly series: CandleSeries;
  readonly barMs: number;
  readonly direction: Direction;
  /** +1 long, −1 short: signs every price move and slippage. */
  readonly side: 1 | -1;
  /** Slippage as a fraction of price (pips × 1e-4). */
  readonly slip: number;
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly exits: ExitSpec;
  readonly atr: Float64Array;
  readonly entrySignal: Uint8Array;
  readonly maxHoldMs: number;
  readonly funding: FundingSeries | undefined;
  readonly minute: CandleSeries | undefined;
  readonly regimes: Uint8Array | undefined;
}

const MINUTE_MS = 60_000;

export function requireFinite(value: number, name: string, positive: boolean): void {
  if (!Number.isFinite(value) || (positive ? value <= 0 : value < 0)) {
    throw new BacktestError("INVALID_PARAMETER", `${name} must be a finite ${positive ? "positive" : "non-negative"} number, got ${value}`);
  }
}

/**
 * Time columns already checked, with the length checked: a sweep hands every run the same 1m series, whose check
 * would otherwise cost more than many runs' bar loops. Series are not mutated once built (barCloseTimes relies on it
 * too); a truncated view is a new array and is checked again.
 */
const checkedAscending = new WeakMap<Float64Array, number>();

function requireAscending(time: Float64Array, length: number, name: string): void {
  if ((checkedAscending.get(time) ?? -1) >= length) return;
  for (let i = 1; i < length; i++) {
    if (!((time[i] ?? NaN) > (time[i - 1] ?? NaN))) {
      throw new BacktestError("UNSORTED_SERIES", `${name} times must be strictly ascending (index ${i})`);
    }
  }
  checkedAscending.set(time, length);
}

function distanceValue(spec: DistanceSpec): number {
  switch (spec.kind) {
    case "atr":
    case "r":
      return spec.multiple;
    case "bps":
      return spec.bps;
    case "percent":
      return spec.pct;
  }
}

function validateExits(exits: ExitSpec): void {
  // The type already forbids an R stop; this guards callers that built the spec from untyped data.
  if ((exits.stop.kind as string) === "r") throw new BacktestError("INVALID_EXIT_SPEC", "a stop cannot be expressed in R");
  for (const [name, spec] of [["stop", exits.stop], ["target", exits.target]] as const) {
    const v = distanceValue(spec);
    if (!Number.isFinite(v) || v <= 0) throw new BacktestError("INVALID_EXIT_SPEC", `${name} ${spec.kind} distance must be positive, got ${v}`);
  }
}

function validateSizing(sizing: Sizing): void {
  const values = sizing.mode === "risk" ? [sizing.riskFraction, sizing.leverage] : [sizing.fraction];
  if (values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new BacktestError("INVALID_SIZING", `sizing values must be positive: ${JSON.stringify(sizing)}`);
  }
}

/** Validates a leg and freezes what the loop needs. Throws BacktestError on inconsistent inputs. */
export function createLegContext(id: string, leg: LegInput, fees: Fees, sizing: Sizing): LegContext {
  const n = leg.series.length;
  for (const [name, arr] of [["entrySignal", leg.entrySignal], ["atr", leg.atr], ["regimes", leg.regimes]] as const) {
    if (arr !== undefined && arr.length !== n) {
      throw new BacktestError("INPUT_LENGTH_MISMATCH", `${name} has ${arr.length} values for ${n} bars`);
    }
  }
  requireAscending(leg.series.time, n, "series");
  if (leg.funding) requireAscending(leg.funding.time, leg.funding.length, "funding");
  if (leg.minute) requireAscending(leg.minute.time, leg.minute.length, "minute");
  requireFinite(leg.maxHoldMinutes, "maxHoldMinutes", true);
  requireFinite(leg.slippagePips, "slippagePips", false);
  if (!Number.isFinite(fees.taker) || !Number.isFinite(fees.maker)) throw new BacktestError("INVALID_PARAMETER", "fees must be finite");
  validateExits(leg.exits);
  validateSizing(sizing);
  return {
    id,
    series: leg.series,
    barMs: timeframeMs(leg.series.timeframe),
    direction: leg.direction,
    side: leg.direction === "long" ? 1 : -1,
    slip: leg.slippagePips * 1e-4,
    fees,
    sizing,
    exits: leg.exits,
    atr: leg.atr,
    entrySignal: leg.entrySignal,
    maxHoldMs: leg.maxHoldMinutes * MINUTE_MS,
    funding: leg.funding,
    minute: leg.minute,
    regimes: leg.regimes,
  };
}
