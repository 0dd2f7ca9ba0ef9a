import { RuleSyntaxError } from "./errors";
import { findIndicator } from "./indicator-registry";
import { TokenStream } from "./rule-tokenizer";

export type Side = "above" | "below";

/** A stop distance from entry. Pips are basis points of price (1 pip = 0.0001 × price), as config-schema defines. */
export type StopSpec =
  | { readonly kind: "atr"; readonly multiple: number; readonly period: number; readonly side?: Side }
  | { readonly kind: "bps"; readonly bps: number; readonly side?: Side }
  | { readonly kind: "percent"; readonly pct: number; readonly side?: Side };

/** A target distance: any stop form, or a multiple of the stop distance (`2R`). */
export type TargetSpec = StopSpec | { readonly kind: "r"; readonly multiple: number };

export interface ExitInputs {
  readonly entryPrice: number;
  /** ATR(period) at the signal bar; NaN in warm-up makes the distance NaN (the engine skips such entries). */
  readonly atr: (period: number) => number;
}

export interface ExitLevels {
  readonly stopPrice: number;
  readonly targetPrice: number;
  readonly stopDistance: number;
  readonly targetDistance: number;
}

const ATR_PERIOD = findIndicator("ATR")?.params[0];
const DEFAULT_ATR_PERIOD = ATR_PERIOD?.default ?? 14;
const MAX_ATR_PERIOD = ATR_PERIOD?.max ?? 500;

/** Largest distance per unit: a whole price (100%, 10000 pips), or far past any bar's range (100 ATR, 100R). */
const MAX_DISTANCE: Record<TargetSpec["kind"], { max: number; unit: string }> = {
  atr: { max: 100, unit: " ATR" },
  bps: { max: 10_000, unit: " pips" },
  percent: { max: 100, unit: "%" },
  r: { max: 100, unit: "R" },
};
const units = (allowR: boolean) => (allowR ? "'ATR', 'pips', 'bps', '%' or 'R'" : "'ATR', 'pips', 'bps' or '%'");

function parseExit(text: string, allowR: boolean): TargetSpec {
  if (text.trim() === "") throw new RuleSyntaxError("empty stop/target", text, 1);
  const s = TokenStream.of(text);
  if (s.isSymbol("+") || s.isSymbol("-")) s.next();
  const n = s.peek();
  if (n.kind !== "number") return s.fail("a distance such as '1 ATR', '30 pips', '0.5%' or '2R'");
  s.next();
  if (!(n.value > 0)) throw new RuleSyntaxError(`distance at column ${n.column} must be positive`, text, n.column);
  const suffix = n.suffix.toLowerCase();
  let spec: TargetSpec;
  if (suffix === "r" || (suffix === "" && s.isIdent("r"))) {
    if (!allowR) throw new RuleSyntaxError(`'${n.value}R' at column ${n.column} is only valid for targets; a stop needs ${units(false)}`, text, n.column);
    if (suffix === "") s.next();
    spec = { kind: "r", multiple: n.value };
  } else if (suffix === "x" || suffix === "") {
    if (s.isSymbol("%")) {
      s.next();
      spec = { kind: "percent", pct: n.value };
    } else if (s.isIdent("atr")) {
      s.next();
      let period = DEFAULT_ATR_PERIOD;
      if (s.isSymbol("(")) {
        s.next();
        const p = s.peek();
        if (p.kind !== "number" || p.suffix !== "" || !Number.isInteger(p.value) || p.value < 1) return s.fail("an integer ATR period");
        if (p.value > MAX_ATR_PERIOD) throw new RuleSyntaxError(`ATR period at column ${p.column} must be at most ${MAX_ATR_PERIOD}`, text, p.column);
        s.next();
        period = p.value;
        s.expectSymbol(")");
      }
      spec = { kind: "atr", multiple: n.value, period };
    } else if (["pip", "pips", "bp", "bps"].some((u) => s.isIdent(u))) {
      s.next();
      spec = { kind: "bps", bps: n.value };
    } else {
      return s.fail(units(allowR));
    }
  } else {
    throw new RuleSyntaxError(`unknown unit '${n.suffix}' at column ${n.column}; use ${units(allowR)}`, text, n.column);
  }
  const limit = MAX_DISTANCE[spec.kind];
  if (n.value > limit.max) throw new RuleSyntaxError(`distance at column ${n.column} must be at most ${limit.max}${limit.unit}`, text, n.column);
  if (spec.kind !== "r" && (s.isIdent("above") || s.isIdent("below"))) {
    const side = s.next().text.toLowerCase() === "above" ? "above" : "below";
    if (!s.isIdent("entry")) s.fail("'entry'");
    s.next();
    spec = { ...spec, side };
  }
  s.expectEnd();
  return spec;
}

/** Parses a stop such as `1 ATR below entry`, `1.5 ATR`, `2 ATR(14) above entry`, `30 pips`, `0.5%`. */
export function parseStop(text: string): StopSpec {
  const spec = parseExit(text, false);
  if (spec.kind === "r") throw new RuleSyntaxError("a stop cannot be an R-multiple", text, 1);
  return spec;
}

/** Parses a target: any stop form, or `2R` (a multiple of the stop distance). */
export function parseTarget(text: string): TargetSpec {
  return parseExit(text, true);
}

export function formatExit(spec: TargetSpec): string {
  const side = spec.kind !== "r" && spec.side ? ` ${spec.side} entry` : "";
  switch (spec.kind) {
    case "atr":
      return `${spec.multiple} ATR(${spec.period})${side}`;
    case "bps":
      return `${spec.bps} bps${side}`;
    case "percent":
      return `${spec.pct}%${side}`;
    case "r":
      return `${spec.multiple}R`;
  }
}

/** ATR periods the engine must read at the signal bar to resolve these exits. */
export function atrPeriodsOf(...specs: readonly TargetSpec[]): number[] {
  return [...new Set(specs.flatMap((s) => (s.kind === "atr" ? [s.period] : [])))];
}

/** Price distance of a stop-like spec from the entry price. */
export function stopDistance(spec: StopSpec, input: ExitInputs): number {
  switch (spec.kind) {
    case "atr":
      return spec.multiple * input.atr(spec.period);
    case "bps":
      return (input.entryPrice * spec.bps) / 10_000;
    case "percent":
      return (input.entryPrice * spec.pct) / 100;
  }
}

/** Price distance of a target; an R target needs the stop distance it multiplies. */
export function targetDistance(spec: TargetSpec, input: ExitInputs, stopDist: number): number {
  return spec.kind === "r" ? spec.multiple * stopDist : stopDistance(spec, input);
}

/** Stop and target prices for a position opened at `input.entryPrice`: a long's stop is below entry, its target above. */
export function exitLevels(direction: "long" | "short", stop: StopSpec, target: TargetSpec, input: ExitInputs): ExitLevels {
  const sd = stopDistance(stop, input);
  const td = targetDistance(target, input, sd);
  const sign = direction === "long" ? 1 : -1;
  return { stopPrice: input.entryPrice - sign * sd, targetPrice: input.entryPrice + sign * td, stopDistance: sd, targetDistance: td };
}
