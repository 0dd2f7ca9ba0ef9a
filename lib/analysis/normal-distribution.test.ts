import { describe, expect, it } from "vitest";
import { normalCdf, normalQuantile } from "./normal-distribution";

// Φ references: Python 0.5·math.erfc(−x/√2) (libm, double precision); Φ⁻¹ references: Python statistics.NormalDist.inv_cdf
// (Wichura AS241) — implementations independent of ours.
const CDF: [number, number][] = [
  [-8, 6.220960574271819e-16],
  [-5, 2.866515718791946e-7],
  [-3, 0.0013498980316301035],
  [-1.96, 0.024997895148220428],
  [-1, 0.15865525393145707],
  [-0.5, 0.3085375387259869],
  [0, 0.5],
  [0.3, 0.6179114221889526],
  [1, 0.8413447460685429],
  [1.96, 0.9750021048517796],
  [3, 0.9986501019683699],
  [5, 0.9999997133484282],
];

const QUANTILE: [number, number][] = [
  [1e-10, -6.361340902404056],
  [1e-5, -4.2648907939228256],
  [0.001, -3.090232306167813],
  [0.01, -2.3263478740408408],
  [0.02425, -1.9729610513118845],
  [0.025, -1.9599639845400538],
  [0.1, -1.2815515655446008],
  [0.5, 0],
  [0.9, 1.2815515655446008],
  [0.975, 1.9599639845400536],
  [0.99, 2.3263478740408408],
  [0.999999, 4.753424308817089],
];

describe("normal distribution", () => {
  it("Φ(1.96) = 0.9750021 and Φ is within 1e-15 of the reference everywhere", () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    for (const [x, p] of CDF) expect(Math.abs(normalCdf(x) - p), `Φ(${x})`).toBeLessThanOrEqual(1e-15);
  });

  it("Φ keeps relative accuracy in the far tail (no 1 − tiny cancellation)", () => {
    expect(Math.abs(normalCdf(-8) / 6.220960574271819e-16 - 1), "relative error at −8").toBeLessThan(1e-8);
  });

  it("Φ⁻¹(0.975) = 1.959964 and Φ⁻¹ is within 1e-8 (relative) of the reference", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    for (const [p, x] of QUANTILE) expect(Math.abs(normalQuantile(p) - x), `Φ⁻¹(${p})`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(x)));
  });

  it("Φ is symmetric and exact at 0", () => {
    expect(normalCdf(0)).toBe(0.5);
    for (const x of [0.1, 1.3, 4, 9]) expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
  });

  it("Φ⁻¹ edges: ±Infinity at 0 and 1, NaN outside [0, 1]", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(-0.1)).toBeNaN();
  });

  it("Φ(Φ⁻¹(p)) round-trips", () => {
    for (const p of [0.001, 0.03, 0.2, 0.5, 0.77, 0.97, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 7);
  });
});
