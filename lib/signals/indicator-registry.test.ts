import { ADX, ATR, BollingerBands, EMA, MACD, ROC, RSI, SMA } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { findIndicator, INDICATORS, type IndicatorDefinition } from "./indicator-registry";
import { randomWalkSeries, seriesOf } from "./test-support/synthetic-market";

function def(name: string): IndicatorDefinition {
  const d = findIndicator(name);
  if (!d) throw new Error(`no ${name}`);
  return d;
}

const valueOf = (name: string, closes: readonly number[], params: number[], output = "value", extra = {}) =>
  Array.from(def(name).compute(seriesOf(closes, extra), params)[output] ?? []);

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

describe("indicator registry contract", () => {
  const series = randomWalkSeries("BTCUSDT.P", "5m", 400, 7);
  const variants = (d: IndicatorDefinition): number[][] => {
    const defaults = d.params.map((p) => p.default);
    const halves = d.params.map((p) => (p.integer ? Math.max(p.min, Math.round(p.default / 2)) : p.default));
    return [defaults, halves].filter((p) => d.validate?.(p) === undefined);
  };

  for (const d of INDICATORS) {
    for (const params of variants(d)) {
      it(`${d.name}(${params.join(",")}): NaN for exactly the declared warm-up, finite after`, () => {
        const outputs = d.compute(series, params);
        expect(Object.keys(outputs).sort()).toEqual([...d.outputs].sort());
        for (const output of d.outputs) {
          const values = outputs[output];
          expect(values, output).toBeInstanceOf(Float64Array);
          if (!values) continue;
          const warmup = d.warmup(params, output);
          expect(values.length).toBe(series.length);
          expect(values.slice(0, warmup).every(Number.isNaN), `${output} warm-up`).toBe(true);
          expect(values.slice(warmup).every(Number.isFinite), `${output} after warm-up`).toBe(true);
        }
      });
    }
    it(`${d.name}: a series shorter than its warm-up is all NaN`, () => {
      const params = d.params.map((p) => p.default);
      const short = seriesOf([1, 2, 3]);
      for (const values of Object.values(d.compute(short, params))) {
        expect(values.length).toBe(3);
        if (d.warmup(params, d.outputs[0]) >= 3) expect(Array.from(values).every(Number.isNaN)).toBe(true);
      }
    });
  }
});

describe("indicator values", () => {
  it("SMA by hand", () => {
    expect(valueOf("SMA", [1, 2, 3, 4, 5, 6], [3])).toEqual([Number.NaN, Number.NaN, 2, 3, 4, 5]);
  });

  it("EMA by hand (seeded with the SMA)", () => {
    // k = 2/(3+1) = 0.5; seed = mean(2,4,6) = 4; then 4 + 0.5(8−4) = 6; 6 + 0.5(4−6) = 5.
    expect(valueOf("EMA", [2, 4, 6, 8, 4], [3])).toEqual([Number.NaN, Number.NaN, 4, 6, 5]);
  });

  it("RSI matches an independent Wilder RSI on a 20-point series (2-decimal rounding)", () => {
    const closes = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46, 46.03, 46.41, 46.22, 45.64];
    const ours = valueOf("RSI", closes, [14]);
    const expected = wilderRsi(closes, 14);
    expect(ours.slice(0, 14).every(Number.isNaN)).toBe(true);
    for (let i = 14; i < closes.length; i++) expect(Math.abs((ours[i] ?? 0) - (expected[i] ?? 0))).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it("OBV by hand", () => {
    const obv = valueOf("OBV", [10, 11, 10, 10, 12], [], "value", { volume: [5, 3, 4, 7, 2] });
    expect(obv).toEqual([Number.NaN, 3, -1, -1, 1]);
  });

  it("Highest/Lowest cover the previous N bars, not the current one", () => {
    const high = [5, 9, 7, 3, 4, 8, 2];
    const low = [1, 0, 2, 3, 4, -1, 6];
    const s = { high, low };
    expect(valueOf("HIGHEST", [0, 0, 0, 0, 0, 0, 0], [3], "value", s)).toEqual([Number.NaN, Number.NaN, Number.NaN, 9, 9, 7, 8]);
    expect(valueOf("LOWEST", [0, 0, 0, 0, 0, 0, 0], [3], "value", s)).toEqual([Number.NaN, Number.NaN, Number.NaN, 0, 0, 2, -1]);
  });

  it("BB width is (upper − lower) / middle", () => {
    const closes = [1, 2, 3, 2, 1, 2, 3, 4];
    const out = def("BB").compute(seriesOf(closes), [5, 2]);
    const i = 6;
    expect(out.width?.[i]).toBeCloseTo(((out.upper?.[i] ?? 0) - (out.lower?.[i] ?? 0)) / (out.middle?.[i] ?? 1), 12);
  });

  it("right-aligns technicalindicators' outputs onto the candle index", () => {
    const s = randomWalkSeries("ETHUSDT.P", "15m", 200, 11);
    const close = Array.from(s.close);
    const hlc = { high: Array.from(s.high), low: Array.from(s.low), close };
    const check = (ours: Float64Array | undefined, theirs: readonly (number | undefined)[]) => {
      expect(ours).toBeDefined();
      if (!ours) return;
      const offset = ours.length - theirs.length;
      expect(offset).toBeGreaterThan(0);
      theirs.forEach((v, i) => expect(ours[offset + i]).toBe(v ?? Number.NaN));
    };
    check(def("SMA").compute(s, [20]).value, SMA.calculate({ period: 20, values: close }));
    check(def("EMA").compute(s, [9]).value, EMA.calculate({ period: 9, values: close }));
    check(def("RSI").compute(s, [14]).value, RSI.calculate({ period: 14, values: close }));
    check(def("ROC").compute(s, [3]).value, ROC.calculate({ period: 3, values: close }));
    check(def("ATR").compute(s, [14]).value, ATR.calculate({ period: 14, ...hlc }));
    const macd = MACD.calculate({ fastPeriod: 12, slowPeriod: 26, signalPeriod: 9, values: close, SimpleMAOscillator: false, SimpleMASignal: false });
    const ourMacd = def("MACD").compute(s, [12, 26, 9]);
    check(ourMacd.macd, macd.map((r) => r.MACD));
    check(ourMacd.histogram, macd.map((r) => r.histogram));
    const bb = BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    check(def("BB").compute(s, [20, 2]).lower, bb.map((r) => r.lower));
    const adx = ADX.calculate({ period: 14, ...hlc });
    check(def("ADX").compute(s, [14]).adx, adx.map((r) => r.adx));
    // First values land where the textbook warm-ups say they do.
    expect(def("RSI").compute(s, [14]).value?.[14]).toBe(RSI.calculate({ period: 14, values: close })[0]);
    expect(def("SMA").compute(s, [20]).value?.[19]).toBe(SMA.calculate({ period: 20, values: close })[0]);
  });
});
