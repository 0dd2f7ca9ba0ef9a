import { EMA } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { advanceEma, ema, emaState } from "./ema";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, SHORT_CLOSES, f64 } from "./testing/reference-series";

describe("EMA kernel", () => {
  it("matches EMAs worked out by hand, seeded with the SMA", () => {
    // k = 2/(3+1) = 0.5; seed = mean(2,4,6) = 4; then 4 + 0.5(8−4) = 6; 6 + 0.5(4−6) = 5.
    expectByHand(ema(f64([2, 4, 6, 8, 4]), 3), [null, null, 4, 6, 5], 0);
    // seed mean(10, 11, 12) = 11; 11 + 0.5(11 − 11) = 11; 11 + 0.5(13 − 11) = 12; …
    expectByHand(ema(SHORT_CLOSES, 3), [null, null, 11, 11, 12, 13, 13, 14, 15, 15, 16, 17], 0);
  });

  it("equals technicalindicators' EMA on a long series", () => {
    for (const period of [1, 9, 50]) expectTail(ema(LONG.close, period), EMA.calculate({ period, values: Array.from(LONG.close) }), period - 1);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = emaState(20);
    const parts = pieces(LONG.length).map(([a, b]) => advanceEma(state, LONG.close.subarray(a, b)));
    expect(joined(parts)).toEqual(ema(LONG.close, 20));
  });

  it("starts at the first number, so an EMA of another indicator skips that indicator's warm-up", () => {
    expectByHand(ema(f64([Number.NaN, Number.NaN, 2, 4, 6, 8]), 3), [null, null, null, null, 4, 6], 0);
  });
});
