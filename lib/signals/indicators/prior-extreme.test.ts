import { Highest, Lowest } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { priorHighest, priorLowest } from "./prior-extreme";
import { expectByHand, expectTail } from "./testing/expect-values";
import { LONG, f64 } from "./testing/reference-series";

describe("prior highest / lowest kernels", () => {
  it("cover the previous N bars, not the current one", () => {
    const high = f64([5, 9, 7, 3, 4, 8, 2, 1, 1, 6]);
    const low = f64([1, 0, 2, 3, 4, -1, 6, 5, 7, 7]);
    expectByHand(priorHighest(high, 3), [null, null, null, 9, 9, 7, 8, 8, 8, 2], 0);
    expectByHand(priorLowest(low, 3), [null, null, null, 0, 0, 2, -1, -1, -1, 5], 0);
    expectByHand(priorHighest(high, 1), [null, 5, 9, 7, 3, 4, 8, 2, 1, 1], 0);
  });

  it("equal technicalindicators' Highest/Lowest one bar later", () => {
    for (const period of [1, 20, 100]) {
      const highs = Highest.calculate({ period, values: Array.from(LONG.high) });
      const lows = Lowest.calculate({ period, values: Array.from(LONG.low) });
      expectTail(priorHighest(LONG.high, period), highs.slice(0, -1), period, 0);
      expectTail(priorLowest(LONG.low, period), lows.slice(0, -1), period, 0);
    }
  });

  it("handle values below zero, where technicalindicators' running high starts at 0", () => {
    const values = f64([-5, -3, -4, -6]);
    expectByHand(priorHighest(values, 2), [null, null, -3, -3], 0);
    expect(Highest.calculate({ period: 2, values: Array.from(values) })).toEqual([0, 0, 0]);
  });
});
