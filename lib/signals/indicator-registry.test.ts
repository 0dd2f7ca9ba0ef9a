import { ROC } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { findIndicator, INDICATORS, type IndicatorDefinition } from "./indicator-registry";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { seriesOf } from "./testing/series-of";

function def(name: string): IndicatorDefinition {
  const d = findIndicator(name);
  if (!d) throw new Error(`no ${name}`);
  return d;
}

const valueOf = (name: string, closes: readonly number[], params: number[], output = "value", extra = {}) =>
  Array.from(def(name).compute(seriesOf(closes, extra), params)[output] ?? []);

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

  it("right-aligns technicalindicators' ROC onto the candle index", () => {
    const s = randomWalkSeries("ETHUSDT.P", "15m", 200, 11);
    const close = Array.from(s.close);
    const check = (ours: Float64Array | undefined, theirs: readonly number[]) => {
      expect(ours).toBeDefined();
      if (!ours) return;
      const offset = ours.length - theirs.length;
      expect(offset).toBeGreaterThan(0);
      theirs.forEach((v, i) => expect(ours[offset + i]).toBe(v));
    };
    check(def("ROC").compute(s, [3]).value, ROC.calculate({ period: 3, values: close }));
    expect(def("ROC").compute(s, [3]).value?.[3]).toBe(ROC.calculate({ period: 3, values: close })[0]);
  });
});
