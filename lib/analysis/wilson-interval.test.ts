import { describe, expect, it } from "vitest";
import { AnalysisError } from "./errors";
import { wilsonInterval } from "./wilson-interval";

describe("Wilson score interval", () => {
  it("7 of 10 at z = 1.96", () => {
    // p̂ = 0.7, z² = 3.8416, 1 + z²/n = 1.38416
    // centre = (0.7 + 3.8416/20) / 1.38416 = 0.89208 / 1.38416 = 0.644492
    // half = 1.96 / 1.38416 × √(0.21/10 + 3.8416/400) = 1.416022 × √0.030604 = 1.416022 × 0.174940 = 0.247719
    const ci = wilsonInterval(7, 10, 1.96);
    expect(ci?.lower).toBeCloseTo(0.39677321997956516, 10);
    expect(ci?.upper).toBeCloseTo(0.892210712513788, 10);
  });

  it("stays inside [0, 1] at the extremes; 0 of 20 has lower bound 0", () => {
    const none = wilsonInterval(0, 20, 1.96);
    expect(none?.lower).toBe(0);
    expect(none?.upper).toBeCloseTo(0.16113012549493322, 10);
    const all = wilsonInterval(20, 20);
    expect(all?.upper).toBe(1);
    expect(all?.lower).toBeGreaterThan(0.8);
  });

  it("null with no observations; invalid counts are refused", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(5, 3)).toThrow(AnalysisError);
    expect(() => wilsonInterval(1.5, 3)).toThrow(AnalysisError);
  });
});
