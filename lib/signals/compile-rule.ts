import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { fundingFingerprint } from "@/lib/market/series-fingerprint";
import type { Timeframe } from "@/lib/market/timeframe";
import { RuleSyntaxError, SignalDataError } from "./errors";
import type { IndicatorCache } from "./indicator-cache";
import { findIndicator } from "./indicator-registry";
import { formatCondition, formatOperand, type Condition, type Operand } from "./rule-ast";
import { parseCondition } from "./rule-parser";
import { closedBarIndex, fundingAtClose } from "./timeframe-alignment";

/**
 * Everything a rule may read. `base` is the hypothesis's own timeframe; `higher` holds other timeframes that
 * `30m:`-style prefixes refer to; `funding` is needed only by rules mentioning Funding.
 */
export interface SignalContext {
  readonly base: CandleSeries;
  readonly higher: Partial<Record<Timeframe, CandleSeries>>;
  readonly funding?: FundingSeries;
  readonly cache: IndicatorCache;
}

export interface CompiledCondition {
  readonly source: string;
  /** Canonical text: equal meaning, equal text (`Price > 50-SMA` → `Close > SMA(50)`). */
  readonly canonical: string;
  readonly timeframe?: Timeframe;
  readonly needsFunding: boolean;
  /** 1 at bar t of ctx.base when the condition holds using bars <= t only; NaN inputs give 0. Shared: do not write. */
  evaluate(ctx: SignalContext): Uint8Array;
}

export interface CompiledRule {
  readonly conditions: readonly CompiledCondition[];
  /** Timeframes named by `tf:` prefixes; those other than the base timeframe must be present in ctx.higher. */
  readonly timeframes: readonly Timeframe[];
  readonly needsFunding: boolean;
  /** 1 at bar t where every condition holds. */
  evaluate(ctx: SignalContext): Uint8Array;
}

type Values = number | Float64Array;

function usesFunding(o: Operand): boolean {
  if (o.kind === "funding") return true;
  return o.kind === "average" || o.kind === "multiple" ? usesFunding(o.of) : false;
}

/** Funding histories are short: keyed on their content, so no two histories share cached columns. */
function fundingLabel(funding: FundingSeries): string {
  return `Funding[${fundingFingerprint(funding)}]`;
}

/**
 * Rolling mean of the last `period` values, NaN while any of them is NaN. Written here rather than with
 * technicalindicators' SMA because its running sum would stay NaN forever after one NaN input (warm-ups).
 */
function averageOf(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  let sum = 0;
  let nans = 0;
  for (let t = 0; t < values.length; t++) {
    const v = values[t] ?? Number.NaN;
    if (Number.isNaN(v)) nans++;
    else sum += v;
    if (t >= period) {
      const old = values[t - period] ?? Number.NaN;
      if (Number.isNaN(old)) nans--;
      else sum -= old;
    }
    if (t >= period - 1 && nans === 0) out[t] = sum / period;
  }
  return out;
}

/** factor × each value; a plain loop, several times faster than TypedArray.map with a callback. */
function scaled(values: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = factor * (values[t] ?? Number.NaN);
  return out;
}

/** Cache label of a derived column; Funding-based ones also name the funding series they came from. */
function labelOf(o: Operand, ctx: SignalContext): string {
  return usesFunding(o) && ctx.funding ? `${formatOperand(o)}@${fundingLabel(ctx.funding)}` : formatOperand(o);
}

/** An operand's values on `series` exactly as rules compare them (charts draw these, so they show what the rule read). */
export function operandValues(o: Operand, series: CandleSeries, ctx: SignalContext): Values {
  switch (o.kind) {
    case "number":
      return o.value;
    case "field":
      return series[o.field];
    case "indicator": {
      const def = findIndicator(o.name);
      const column = def ? ctx.cache.indicator(series, def, o.params)[o.output] : undefined;
      if (!column) throw new RuleSyntaxError(`unknown indicator output ${formatOperand(o)}`, formatOperand(o), 1);
      return column;
    }
    case "funding": {
      const funding = ctx.funding;
      if (!funding) throw new SignalDataError(`rule reads Funding but the signal context has no funding series for ${series.symbol}`);
      return ctx.cache.column(series, fundingLabel(funding), () => fundingAtClose(series, funding));
    }
    case "average": {
      const inner = operandValues(o.of, series, ctx);
      if (typeof inner === "number") return inner;
      return ctx.cache.column(series, labelOf(o, ctx), () => averageOf(inner, o.period));
    }
    case "multiple": {
      const inner = operandValues(o.of, series, ctx);
      if (typeof inner === "number") return o.factor * inner;
      return ctx.cache.column(series, labelOf(o, ctx), () => scaled(inner, o.factor));
    }
  }
}

/**
 * An operand as the comparison loops read it: a column, or a constant as a one-value column with stride 0, so
 * `values[t * stride]` reads both and each loop stays monomorphic (a per-bar "constant or column?" test cost more than
 * the comparison).
 */
interface Strided {
  readonly values: Float64Array;
  readonly stride: 0 | 1;
}

const strided = (v: Values): Strided => (typeof v === "number" ? { values: Float64Array.of(v), stride: 0 } : { values: v, stride: 1 });

/** 1 where a < b (a <= b when `orEqual`); NaN on either side gives 0. */
function lessThan(a: Strided, b: Strided, orEqual: boolean, out: Uint8Array): void {
  const { values: x, stride: sx } = a;
  const { values: y, stride: sy } = b;
  for (let t = 0; t < out.length; t++) {
    const u = x[t * sx] ?? Number.NaN;
    const v = y[t * sy] ?? Number.NaN;
    out[t] = (orEqual ? u <= v : u < v) ? 1 : 0;
  }
}

/** Above (sign 1): at or below on the previous bar and strictly above now; below (sign −1) mirrors it. */
function crossing(a: Strided, b: Strided, sign: 1 | -1, out: Uint8Array): void {
  const { values: x, stride: sx } = a;
  const { values: y, stride: sy } = b;
  let before = sign * ((x[0] ?? Number.NaN) - (y[0] ?? Number.NaN));
  for (let t = 1; t < out.length; t++) {
    const now = sign * ((x[t * sx] ?? Number.NaN) - (y[t * sy] ?? Number.NaN));
    out[t] = before <= 0 && now > 0 ? 1 : 0;
    before = now;
  }
}

/** Rising (sign 1): above its value `bars` bars earlier; falling (sign −1) mirrors it. */
function trending(a: Strided, bars: number, sign: 1 | -1, out: Uint8Array): void {
  const { values: x, stride: sx } = a;
  for (let t = bars; t < out.length; t++) out[t] = sign * ((x[t * sx] ?? Number.NaN) - (x[(t - bars) * sx] ?? Number.NaN)) > 0 ? 1 : 0;
}

function evaluateOn(c: Condition, series: CandleSeries, ctx: SignalContext): Uint8Array {
  const out = new Uint8Array(series.length);
  if (c.kind === "trend") {
    trending(strided(operandValues(c.operand, series, ctx)), c.bars, c.direction === "rising" ? 1 : -1, out);
    return out;
  }
  const a = strided(operandValues(c.left, series, ctx));
  const b = strided(operandValues(c.right, series, ctx));
  if (c.kind === "cross") crossing(a, b, c.direction === "above" ? 1 : -1, out);
  // a > b is b < a: two loops cover the four comparators.
  else if (c.op === "<" || c.op === "<=") lessThan(a, b, c.op === "<=", out);
  else lessThan(b, a, c.op === ">=", out);
  return out;
}

function seriesFor(tf: Timeframe, ctx: SignalContext, rule: string): CandleSeries {
  if (tf === ctx.base.timeframe) return ctx.base;
  const series = ctx.higher[tf];
  if (!series) throw new SignalDataError(`rule "${rule}" needs ${tf} candles but the signal context has none`);
  if (series.timeframe !== tf) throw new SignalDataError(`signal context entry ${tf} holds ${series.timeframe} candles`);
  return series;
}

/** Compiles a parsed condition. Other-timeframe conditions are evaluated on that chart, then projected onto base bars. */
export function compileCondition(condition: Condition, source: string = formatCondition(condition)): CompiledCondition {
  const canonical = formatCondition(condition);
  const needsFunding = condition.kind === "trend" ? usesFunding(condition.operand) : usesFunding(condition.left) || usesFunding(condition.right);
  const tf = condition.timeframe;
  return {
    source,
    canonical,
    ...(tf ? { timeframe: tf } : {}),
    needsFunding,
    evaluate(ctx) {
      const withFunding = needsFunding && ctx.funding ? `@${fundingLabel(ctx.funding)}` : "";
      if (!tf || tf === ctx.base.timeframe) return ctx.cache.mask(ctx.base, `${canonical}${withFunding}`, () => evaluateOn(condition, ctx.base, ctx));
      const other = seriesFor(tf, ctx, source);
      const otherKey = ctx.cache.keyOf(other);
      return ctx.cache.mask(ctx.base, `${canonical}@${otherKey}${withFunding}`, () => {
        const mask = evaluateOn(condition, other, ctx);
        const index = ctx.cache.indexMap(ctx.base, `closed:${otherKey}`, () => closedBarIndex(ctx.base, other));
        const out = new Uint8Array(ctx.base.length);
        for (let t = 0; t < out.length; t++) {
          const j = index[t] ?? -1;
          out[t] = j >= 0 ? (mask[j] ?? 0) : 0;
        }
        return out;
      });
    },
  };
}

/** Parses and compiles conditions that must all hold. Throws RuleSyntaxError (naming the rule) on the first bad one. */
export function compileRule(sources: readonly string[]): CompiledRule {
  if (sources.length === 0) throw new RuleSyntaxError("a rule needs at least one entry condition", "", 1);
  const conditions = sources.map((r) => compileCondition(parseCondition(r), r));
  const timeframes = [...new Set(conditions.flatMap((c) => (c.timeframe ? [c.timeframe] : [])))];
  return {
    conditions,
    timeframes,
    needsFunding: conditions.some((c) => c.needsFunding),
    evaluate(ctx) {
      const [first, ...rest] = conditions.map((c) => c.evaluate(ctx));
      // A copy: condition masks are shared through the cache.
      const out = first ? first.slice() : new Uint8Array(ctx.base.length);
      for (const mask of rest) for (let t = 0; t < out.length; t++) out[t] = (out[t] ?? 0) & (mask[t] ?? 0);
      return out;
    },
  };
}
