import { RSI } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { compileRule } from "../compile-rule";
import { IndicatorCache } from "../indicator-cache";
import { streamingRsi } from "@/lib/market/streaming-rsi";
import { seriesOf } from "../testing/series-of";
import { advanceRsi, rsi, rsiState } from "./rsi";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, f64 } from "./testing/reference-series";

/** Independent Wilder RSI: simple mean of the first `period` changes, then (prev·(p−1) + x)/p smoothing. */
function wilderRsi(closes: readonly number[], period: number): number[] {
  const out = closes.map(() => Number.NaN);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < closes.length; i++) {
    const change = (closes[i] ?? 0) - (closes[i - 1] ?? 0);
    const g = Math.max(change, 0);
    const l = Math.max(-change, 0);
    if (i <= period) {
      gain += g / period;
      loss += l / period;
    } else {
      gain = (gain * (period - 1) + g) / period;
      loss = (loss * (period - 1) + l) / period;
    }
    if (i >= period) out[i] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

describe("RSI kernel", () => {
  it("matches RSI(14) worked out by hand on 20 closes", () => {
    // Wilder's example closes; first value: gains 3.34, losses 1.40 over 14 changes → 100 − 100 / (1 + 3.34/1.40).
    const closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46, 46.03, 46.41, 46.22, 45.64];
    const byHand = [70.4641350211, 66.2496185536, 66.4809418347, 69.3468531629, 66.2947126589, 57.9150206701];
    expectByHand(rsi(f64(closes), 14), [...Array<null>(14).fill(null), ...byHand]);
  });

  it("is exact where technicalindicators rounds: a threshold between the two decides differently", () => {
    // 13 losses of 1, then a gain of 1.25516: RSI = 100 · 1.25516 / (1.25516 + 13) = 8.80495…, which
    // technicalindicators reports as 8.8 — so `RSI(14) < 8.802473` fired on a bar whose RSI is above 8.802473.
    const closes = [100, 99, 98, 97, 96, 95, 94, 93, 92, 91, 90, 89, 88, 87, 87 + 1.25516];
    const exact = (100 * 1.25516) / 14.25516;
    expect(rsi(f64(closes), 14)[14]).toBeCloseTo(exact, 9);
    expect(RSI.calculate({ period: 14, values: closes }), "technicalindicators rounds to 2 decimals").toEqual([8.8]);
    const rule = compileRule(["RSI(14) < 8.802473"]);
    const signal = rule.evaluate({ base: seriesOf(closes), higher: {}, cache: new IndicatorCache() });
    expect(signal[14], "8.80495 is not below 8.802473").toBe(0);
    expect(compileRule(["RSI(14) < 8.805"]).evaluate({ base: seriesOf(closes), higher: {}, cache: new IndicatorCache() })[14]).toBe(1);
  });

  it("equals an unrounded reference on a long series, and technicalindicators is that value rounded to 2 decimals", () => {
    const closes = Array.from(LONG.close);
    const ours = rsi(LONG.close, 14);
    const reference = wilderRsi(closes, 14);
    for (let t = 14; t < closes.length; t++) expect(Math.abs((ours[t] ?? 0) - (reference[t] ?? 0)), `bar ${t}`).toBeLessThanOrEqual(1e-9);
    const rounded = Array.from(ours.subarray(14), (v) => Number(v.toFixed(2)));
    expectTail(ours.map((v) => Number(v.toFixed(2))), RSI.calculate({ period: 14, values: closes }), 14, 0);
    expect(rounded.some((v, k) => v !== ours[14 + k]), "the rounding is visible").toBe(true);
  });

  it("reads 100 when nothing was lost over the window, flat included", () => {
    expect(Array.from(rsi(f64([5, 5, 5, 6]), 2))).toEqual([Number.NaN, Number.NaN, 100, 100]);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = rsiState(14);
    const parts = pieces(LONG.length).map(([a, b]) => advanceRsi(state, LONG.close.subarray(a, b)));
    expect(joined(parts)).toEqual(rsi(LONG.close, 14));
  });

  it("equals the market layer's bar-by-bar RSI (planted effects) bit for bit", () => {
    const close = LONG.close;
    const next = streamingRsi(14);
    const streamed = Float64Array.from(close, (c) => next(c));
    const batch = rsi(close, 14);
    for (let t = 0; t < close.length; t++) expect(Object.is(streamed[t], batch[t]), `bar ${t}`).toBe(true);
  });
});
