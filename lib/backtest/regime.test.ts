import { describe, expect, it } from "vitest";
import { truncateSeries } from "../market/series";
import { efficiencyRatio } from "./efficiency-ratio";
import { classifyRegimes } from "./regime";
import { REGIME } from "./regime-codes";
import { type Ohlc, buildSeries } from "./testing/build-series";
import { uniformDraws } from "../market/testing/uniform-draws";

const SETTINGS = { adxPeriod: 14, efficiencyPeriod: 20, trendingAdx: 25, trendingEfficiency: 0.3, choppyEfficiency: 0.15 };

const trend = (n: number): Ohlc[] =>
  Array.from({ length: n }, (_, i) => {
    const c = 100 + i;
    return [c - 0.8, c + 0.2, c - 1, c] as const;
  });

/** ±1 around 100 every bar: the path is long, the net move nil. */
const zigzag = (n: number): Ohlc[] =>
  Array.from({ length: n }, (_, i) => {
    const c = i % 2 === 0 ? 101 : 99;
    return [200 - c, 101.5, 98.5, c] as const;
  });

describe("efficiencyRatio", () => {
  it("is 1 on a straight path, 0 on a zigzag, NaN in warm-up", () => {
    const straight = efficiencyRatio(new Float64Array([1, 2, 3, 4, 5]), 2);
    expect(Array.from(straight)).toEqual([NaN, NaN, 1, 1, 1]);
    const zz = efficiencyRatio(new Float64Array([1, 2, 1, 2, 1]), 2);
    expect(Array.from(zz.subarray(2))).toEqual([0, 0, 0]);
    // |5 − 1| / (|2−1| + |1−2| + |5−1|) over the last 3 moves
    expect(efficiencyRatio(new Float64Array([1, 2, 1, 5]), 3)[3]).toBeCloseTo(4 / 6, 12);
  });
});

describe("classifyRegimes", () => {
  it("marks warm-up bars unknown, then a clean trend trending", () => {
    const regimes = classifyRegimes(buildSeries("5m", trend(80)), SETTINGS);
    expect(Array.from(regimes.subarray(0, 27)).every((r) => r === REGIME.unknown)).toBe(true);
    expect(Array.from(regimes.subarray(27)).every((r) => r === REGIME.trending)).toBe(true);
  });

  it("marks a zigzag choppy", () => {
    const regimes = classifyRegimes(buildSeries("5m", zigzag(80)), SETTINGS);
    expect(Array.from(regimes.subarray(30)).every((r) => r === REGIME.choppy)).toBe(true);
  });

  it("calls a steady but weak drift ranging", () => {
    // Net move per 20 bars ≈ 20 × 0.1 against a path of ≈ 20 × 0.5: ER ≈ 0.2, between the two thresholds.
    const rows: Ohlc[] = Array.from({ length: 120 }, (_, i) => {
      const c = 100 + i * 0.1 + (i % 2 === 0 ? 0.2 : -0.2);
      return [c, c + 0.3, c - 0.3, c] as const;
    });
    const regimes = classifyRegimes(buildSeries("5m", rows), SETTINGS);
    expect(Array.from(regimes.subarray(40)).every((r) => r === REGIME.ranging)).toBe(true);
  });

  it("is causal: classifying a prefix gives the prefix of the classification", () => {
    const random = uniformDraws(3);
    let p = 100;
    const rows: Ohlc[] = Array.from({ length: 400 }, () => {
      const next = p * (1 + (random() - 0.5) * 0.01);
      const row = [p, Math.max(p, next) * 1.001, Math.min(p, next) * 0.999, next] as const;
      p = next;
      return row;
    });
    const s = buildSeries("5m", rows);
    const full = classifyRegimes(s, SETTINGS);
    for (const cut of [10, 28, 57, 200, 399]) {
      expect(Array.from(classifyRegimes(truncateSeries(s, cut), SETTINGS))).toEqual(Array.from(full.subarray(0, cut)));
    }
  });
});
