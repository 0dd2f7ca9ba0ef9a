import { describe, expect, it } from "vitest";
import { twoProportionTest } from "./two-proportion-test";

describe("two-proportion z-test", () => {
  it("60/100 vs 45/100", () => {
    // pooled p̂ = 105/200 = 0.525; SE = √(0.525 × 0.475 × (1/100 + 1/100)) = √0.0049875 = 0.0706222
    // z = 0.15 / 0.0706222 = 2.123977; p = 2·Φ(−2.123977) = 0.033672
    const t = twoProportionTest(60, 100, 45, 100);
    expect(t?.difference).toBeCloseTo(0.15, 12);
    expect(t?.z).toBeCloseTo(2.123976976214366, 9);
    expect(t?.pValue).toBeCloseTo(0.03367206885634585, 9);
  });

  it("is antisymmetric in the groups and p = 1 for equal proportions", () => {
    const t = twoProportionTest(45, 100, 60, 100);
    expect(t?.z).toBeCloseTo(-2.123976976214366, 9);
    expect(t?.pValue).toBeCloseTo(0.03367206885634585, 9);
    expect(twoProportionTest(30, 60, 15, 30)).toEqual({ difference: 0, z: 0, pValue: 1 });
  });

  it("degenerate inputs: pooled 0 or 1 means identical samples; empty group gives null", () => {
    expect(twoProportionTest(0, 10, 0, 20)).toEqual({ difference: 0, z: 0, pValue: 1 });
    expect(twoProportionTest(10, 10, 20, 20)).toEqual({ difference: 0, z: 0, pValue: 1 });
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
  });
});
