import { describe, expect, it } from "vitest";
import { deflatedSharpe, expectedMaxSharpe, perPeriodSharpe, probabilisticSharpe } from "./deflated-sharpe";
import { returnMoments } from "./return-moments";

describe("return moments", () => {
  it("mean, sample std, population skewness and (non-excess) kurtosis of a hand-made series", () => {
    // r = [1, −2, 3, 0, 5, −1] %: mean 1 %, deviations [0, −3, 2, −1, 4, −2] %.
    // Σd² = 34e-4 → std = √(34e-4 / 5) = 0.0260768; m₂ = 34e-4/6.
    // Σd³ = (0 − 27 + 8 − 1 + 64 − 8)e-6 = 36e-6 → m₃ = 6e-6; skew = 6e-6 / (5.6667e-4)^1.5 = 0.444795.
    // Σd⁴ = (0 + 81 + 16 + 1 + 256 + 16)e-8 = 370e-8 → m₄ = 6.1667e-7; kurt = m₄ / m₂² = 1.920415.
    const m = returnMoments([0.01, -0.02, 0.03, 0, 0.05, -0.01]);
    expect(m?.observations).toBe(6);
    expect(m?.mean).toBeCloseTo(0.01, 12);
    expect(m?.std).toBeCloseTo(0.026076809620810597, 12);
    expect(m?.skewness).toBeCloseTo(0.44479485022066195, 10);
    expect(m?.kurtosis).toBeCloseTo(1.9204152249134947, 10);
  });

  it("is undefined for fewer than two points or no variance", () => {
    expect(returnMoments([0.1])).toBeNull();
    expect(returnMoments([0.1, 0.1, 0.1])).toBeNull();
  });
});

describe("deflated Sharpe ratio", () => {
  // Bailey & López de Prado (2014), numerical example, worked step by step (250 trading days a year in the paper):
  //   N = 100 trials, V = 0.5 / 250 (variance of annualised Sharpes 0.5, made per-day), SR = 2.5 / √250 = 0.1581139,
  //   T = 1250 daily returns, skew = −3, kurt = 10.
  //   Φ⁻¹(1 − 1/100) = 2.3263479, Φ⁻¹(1 − 1/(100e)) = 2.6802104
  //   SR₀ = √0.002 × (0.4227843 × 2.3263479 + 0.5772157 × 2.6802104) = 0.0447214 × 2.5306 = 0.1131720
  //   denominator √(1 + 3 × 0.1581139 + 9/4 × 0.1581139²) = √(1 + 0.4743416 + 0.05625) = 1.2371708
  //   z = (0.1581139 − 0.1131720) × √1249 / 1.2371708 = 1.2838160 → DSR = Φ(1.2838) = 0.9004 (the paper's 0.9004).
  const shape = { sharpe: perPeriodSharpe(2.5, 250), observations: 1250, skewness: -3, kurtosis: 10 };

  it("reproduces the paper's example: SR₀ = 0.1132, DSR = 0.9004", () => {
    expect(shape.sharpe).toBeCloseTo(0.15811388300841897, 12);
    expect(expectedMaxSharpe(100, 0.5 / 250)).toBeCloseTo(0.11317200186513214, 7);
    const dsr = deflatedSharpe(shape, 100, 0.5 / 250);
    expect(dsr.expectedMaxSharpe).toBeCloseTo(0.113172, 6);
    expect(dsr.deflatedSharpe).toBeCloseTo(0.9003968344493904, 6);
  });

  it("PSR against zero: z = 0.1581139 × √1249 / 1.2371708 = 4.5167 → 0.9999969", () => {
    expect(probabilisticSharpe(shape, 0)).toBeCloseTo(0.9999968595078976, 6);
  });

  it("PSR is one half when the observed Sharpe equals the benchmark; more data sharpens it", () => {
    expect(probabilisticSharpe({ sharpe: 0.1, observations: 100, skewness: 0, kurtosis: 3 }, 0.1)).toBeCloseTo(0.5, 12);
    const short = probabilisticSharpe({ sharpe: 0.1, observations: 50, skewness: 0, kurtosis: 3 }, 0) ?? NaN;
    const long = probabilisticSharpe({ sharpe: 0.1, observations: 500, skewness: 0, kurtosis: 3 }, 0) ?? NaN;
    expect(long, "more observations, more confidence in the same Sharpe").toBeGreaterThan(short);
  });

  it("negative skew and fat tails lower the PSR of a positive Sharpe", () => {
    const normal = probabilisticSharpe({ sharpe: 0.1, observations: 200, skewness: 0, kurtosis: 3 }, 0) ?? NaN;
    const ugly = probabilisticSharpe({ sharpe: 0.1, observations: 200, skewness: -2, kurtosis: 12 }, 0) ?? NaN;
    expect(ugly).toBeLessThan(normal);
  });

  it("one trial means no selection (SR₀ = 0), more trials raise the bar", () => {
    expect(expectedMaxSharpe(1, 0.01)).toBe(0);
    expect(expectedMaxSharpe(10, 0)).toBe(0);
    expect(expectedMaxSharpe(1000, 0.01)).toBeGreaterThan(expectedMaxSharpe(10, 0.01));
  });

  it("is null where the formula does not apply", () => {
    expect(probabilisticSharpe({ sharpe: 0.1, observations: 1, skewness: 0, kurtosis: 3 }, 0)).toBeNull();
    expect(probabilisticSharpe({ sharpe: 2, observations: 100, skewness: 5, kurtosis: 3 }, 0), "1 − 10 + 2 < 0").toBeNull();
  });
});
