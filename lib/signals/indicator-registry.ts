import { ROC } from "technicalindicators";
import type { CandleSeries } from "@/lib/market/series";
import { adx } from "./indicators/adx";
import { atr } from "./indicators/atr";
import { bollinger } from "./indicators/bollinger";
import { ema } from "./indicators/ema";
import { macd } from "./indicators/macd";
import { obv } from "./indicators/obv";
import { priorHighest, priorLowest } from "./indicators/prior-extreme";
import { rsi } from "./indicators/rsi";
import { sma } from "./indicators/sma";

export interface ParamSpec {
  readonly name: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/**
 * One indicator the rule language knows. Adding an indicator is adding one entry to INDICATORS:
 * the parser validates calls against `params`/`outputs`, the cache keys on name+params, the contract test
 * checks `warmup` against what `compute` returns.
 */
export interface IndicatorDefinition {
  /** Canonical upper-case name used in rules (`RSI`), matched case-insensitively. */
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /** Output columns; the first is what a bare call (`BB(20,2)`) means. */
  readonly outputs: readonly [string, ...string[]];
  /** Cross-parameter check (e.g. MACD fast < slow); returns a human message when invalid. */
  validate?(params: readonly number[]): string | undefined;
  /** Leading bars that are NaN for this output (bars before the first value the maths can produce). */
  warmup(params: readonly number[], output: string): number;
  /** Every output, each a Float64Array aligned to the candle index, NaN during warm-up. Must be causal. */
  compute(series: CandleSeries, params: readonly number[]): Readonly<Record<string, Float64Array>>;
}

const int = (name: string, def: number, min: number, max = 1000): ParamSpec => ({ name, default: def, min, max, integer: true });

/**
 * technicalindicators (kept for ROC: exact, and no catalog rule reads it) returns only the defined tail; right-align
 * it onto the candle index, NaN in front.
 */
function alignTail(values: ReadonlyArray<number | undefined>, length: number): Float64Array {
  const out = new Float64Array(length).fill(Number.NaN);
  const offset = length - values.length;
  values.forEach((v, i) => {
    if (i + offset >= 0) out[i + offset] = v ?? Number.NaN;
  });
  return out;
}

const column = (a: Float64Array): number[] => Array.from(a);
const p0 = (params: readonly number[]) => params[0] ?? Number.NaN;
const p1 = (params: readonly number[]) => params[1] ?? Number.NaN;
const p2 = (params: readonly number[]) => params[2] ?? Number.NaN;

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    name: "SMA",
    description: "Simple moving average of close",
    params: [int("period", 20, 1)],
    outputs: ["value"],
    warmup: (p) => p0(p) - 1,
    compute: (s, p) => ({ value: sma(s.close, p0(p)) }),
  },
  {
    name: "EMA",
    description: "Exponential moving average of close, seeded with the SMA of the first `period` closes",
    params: [int("period", 20, 1)],
    outputs: ["value"],
    warmup: (p) => p0(p) - 1,
    compute: (s, p) => ({ value: ema(s.close, p0(p)) }),
  },
  {
    name: "RSI",
    description: "Wilder RSI of close, unrounded: the averages are seeded with the mean of the first `period` changes",
    params: [int("period", 14, 2, 500)],
    outputs: ["value"],
    warmup: (p) => p0(p),
    compute: (s, p) => ({ value: rsi(s.close, p0(p)) }),
  },
  {
    name: "MACD",
    description: "MACD of close with EMA oscillator and EMA signal",
    params: [int("fast", 12, 1), int("slow", 26, 2), int("signal", 9, 1)],
    outputs: ["macd", "signal", "histogram"],
    validate: (p) => (p0(p) < p1(p) ? undefined : `MACD fast period (${p0(p)}) must be below slow period (${p1(p)})`),
    warmup: (p, output) => (output === "macd" ? p1(p) - 1 : p1(p) + p2(p) - 2),
    compute: (s, p) => macd(s.close, p0(p), p1(p), p2(p)),
  },
  {
    name: "BB",
    description: "Bollinger Bands of close: SMA ± stdDev population standard deviations; width = (upper - lower) / middle",
    params: [int("period", 20, 2), { name: "stdDev", default: 2, min: 0.1, max: 10, integer: false }],
    outputs: ["middle", "upper", "lower", "width"],
    warmup: (p) => p0(p) - 1,
    compute: (s, p) => bollinger(s.close, p0(p), p1(p)),
  },
  {
    name: "ADX",
    description: "Wilder ADX with +DI (pdi) and -DI (mdi); a bar with no range reads DI 0, one with no direction DX 0",
    params: [int("period", 14, 2, 500)],
    outputs: ["adx", "pdi", "mdi"],
    warmup: (p, output) => (output === "adx" ? 2 * p0(p) - 1 : p0(p)),
    compute: (s, p) => adx(s.high, s.low, s.close, p0(p)),
  },
  {
    name: "ATR",
    description: "Wilder average true range; the first value is the mean of the first `period` true ranges",
    params: [int("period", 14, 1, 500)],
    outputs: ["value"],
    warmup: (p) => p0(p),
    compute: (s, p) => ({ value: atr(s.high, s.low, s.close, p0(p)) }),
  },
  {
    name: "OBV",
    description: "On-balance volume, accumulated from the second bar",
    params: [],
    outputs: ["value"],
    warmup: () => 1,
    compute: (s) => ({ value: obv(s.close, s.volume) }),
  },
  {
    name: "ROC",
    description: "Rate of change of close over `period` bars, in percent",
    params: [int("period", 10, 1)],
    outputs: ["value"],
    warmup: (p) => p0(p),
    compute: (s, p) => ({ value: alignTail(ROC.calculate({ period: p0(p), values: column(s.close) }), s.length) }),
  },
  {
    name: "HIGHEST",
    description: "Highest high of the previous `period` bars, excluding the current bar",
    params: [int("period", 20, 1)],
    outputs: ["value"],
    warmup: (p) => p0(p),
    compute: (s, p) => ({ value: priorHighest(s.high, p0(p)) }),
  },
  {
    name: "LOWEST",
    description: "Lowest low of the previous `period` bars, excluding the current bar",
    params: [int("period", 20, 1)],
    outputs: ["value"],
    warmup: (p) => p0(p),
    compute: (s, p) => ({ value: priorLowest(s.low, p0(p)) }),
  },
];

const BY_NAME = new Map(INDICATORS.map((d) => [d.name, d]));

export function findIndicator(name: string): IndicatorDefinition | undefined {
  return BY_NAME.get(name.toUpperCase());
}

export function indicatorNames(): string[] {
  return INDICATORS.map((d) => d.name);
}
