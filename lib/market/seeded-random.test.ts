import { describe, expect, it } from "vitest";
import { SeededRandom, hashSeed } from "./seeded-random";

function sample(count: number, draw: () => number): Float64Array {
  return Float64Array.from({ length: count }, draw);
}

function moments(values: Float64Array): { mean: number; variance: number; kurtosis: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  let m2 = 0;
  let m4 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2;
    m4 += (v - mean) ** 4;
  }
  m2 /= values.length;
  m4 /= values.length;
  return { mean, variance: m2, kurtosis: m4 / (m2 * m2) };
}

describe("SeededRandom", () => {
  it("repeats a sequence for a seed and label, and differs otherwise", () => {
    const draw = (seed: number | string, label?: string) => {
      const rng = new SeededRandom(seed, label);
      return Array.from({ length: 5 }, () => rng.nextUint32());
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1, "BTC")).not.toEqual(draw(1, "ETH"));
    expect(draw("1")).toEqual(draw(1)); // seeds are hashed as text
    expect(hashSeed(0)).not.toBe(hashSeed(0, "x"));
  });

  it("draws uniforms in [0,1) with the right mean", () => {
    const rng = new SeededRandom(3);
    const u = sample(100_000, () => rng.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(moments(u).mean).toBeCloseTo(0.5, 2);
  });

  it("draws standard normals and unit-variance fat-tailed t(4) values", () => {
    const rng = new SeededRandom(4);
    const normal = moments(sample(200_000, () => rng.normal()));
    expect(normal.mean).toBeCloseTo(0, 2);
    expect(normal.variance).toBeCloseTo(1, 1);
    expect(normal.kurtosis).toBeCloseTo(3, 0);
    const t = moments(sample(200_000, () => rng.standardizedT(4)));
    expect(t.variance).toBeGreaterThan(0.85);
    expect(t.variance).toBeLessThan(1.15);
    expect(t.kurtosis).toBeGreaterThan(6);
    const t10 = moments(sample(200_000, () => rng.studentT(10)));
    expect(t10.variance).toBeCloseTo(10 / 8, 1);
  });

  it("draws gamma and exponential variates with the right means", () => {
    const rng = new SeededRandom(5);
    expect(moments(sample(100_000, () => rng.gamma(2))).mean).toBeCloseTo(2, 1);
    expect(moments(sample(100_000, () => rng.gamma(0.5))).mean).toBeCloseTo(0.5, 1);
    expect(moments(sample(100_000, () => rng.exponential(3))).mean).toBeCloseTo(3, 1);
  });
});
