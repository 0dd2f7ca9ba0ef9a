import { describe, expect, it } from "vitest";
import { SeededRandom } from "@/lib/market/seeded-random";
import { probabilityOfBacktestOverfitting } from "./backtest-overfitting";

/** Gaussian daily returns with the given mean and a 1% standard deviation. */
function noise(random: SeededRandom, days: number, mean = 0): number[] {
  return Array.from({ length: days }, () => mean + 0.01 * random.normal());
}

describe("probabilityOfBacktestOverfitting (CSCV)", () => {
  it("is about one half when every trial is noise: the in-sample best is a coin toss out of sample", () => {
    // One noise set's PBO swings widely (its splits share days), so the known answer is checked on the mean of eight.
    const results = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
      const random = new SeededRandom(seed);
      return probabilityOfBacktestOverfitting(Array.from({ length: 40 }, () => noise(random, 320)));
    });
    expect(results[0]?.combinations, "C(16, 8) splits").toBe(12_870);
    const mean = results.reduce((sum, r) => sum + (r?.pbo ?? Number.NaN), 0) / results.length;
    expect(mean, "pure noise overfits about half the time").toBeGreaterThan(0.35);
    expect(mean).toBeLessThan(0.65);
  });

  it("is low when one trial has a true edge among noise: it is picked in sample and stays on top out of sample", () => {
    const random = new SeededRandom(11);
    const trials = Array.from({ length: 39 }, () => noise(random, 320));
    trials.push(noise(random, 320, 0.004));
    const result = probabilityOfBacktestOverfitting(trials);
    expect(result?.pbo, "a real edge is rarely a below-median pick").toBeLessThan(0.1);
    expect(result?.medianLogit).toBeGreaterThan(2);
  });

  it("uses whole blocks of the common days and says how many", () => {
    const random = new SeededRandom(3);
    const result = probabilityOfBacktestOverfitting([noise(random, 100), noise(random, 99)], 4);
    expect(result).toMatchObject({ blocks: 4, combinations: 6, trials: 2, days: 96 });
  });

  it("has nothing to choose between with one trial or blocks shorter than two days", () => {
    const random = new SeededRandom(5);
    expect(probabilityOfBacktestOverfitting([noise(random, 200)])).toBeNull();
    expect(probabilityOfBacktestOverfitting([noise(random, 20), noise(random, 20)])).toBeNull();
  });

  it("refuses an odd or oversized block count, naming it", () => {
    expect(() => probabilityOfBacktestOverfitting([[0], [0]], 5)).toThrow(/even number of blocks.*got 5/);
  });
});
