import { SMA } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { sma } from "./sma";
import { expectByHand, expectTail } from "./testing/expect-values";
import { LONG, SHORT_CLOSES } from "./testing/reference-series";

/** The window's mean from its own values, summed with an error-free two-sum: the correctly rounded answer. */
function exactWindowMean(values: Float64Array, t: number, period: number): number {
  let high = 0;
  let low = 0;
  for (let j = t - period + 1; j <= t; j++) {
    const x = values[j] ?? Number.NaN;
    const s = high + x;
    const b = s - high;
    low += high - (s - b) + (x - b);
    high = s;
  }
  return (high + low) / period;
}

describe("SMA kernel", () => {
  it("matches SMA(4) worked out by hand", () => {
    expectByHand(sma(SHORT_CLOSES, 4), [null, null, null, 11, 11.75, 12.5, 12.75, 13.75, 14.5, 14.75, 15.75, 16.5], 0);
  });

  it("equals technicalindicators' SMA on a long series", () => {
    expectTail(sma(LONG.close, 50), SMA.calculate({ period: 50, values: Array.from(LONG.close) }), 49);
  });

  it("stays the window mean over six months of 1m bars, where a plain running sum drifts", () => {
    const close = randomWalkSeries("BTCUSDT.P", "1m", 263_520, 3).close;
    const ours = sma(close, 50);
    const theirs = SMA.calculate({ period: 50, values: Array.from(close) });
    let ourError = 0;
    let theirError = 0;
    for (let t = 49; t < close.length; t++) {
      const exact = exactWindowMean(close, t, 50);
      ourError = Math.max(ourError, Math.abs((ours[t] ?? 0) - exact) / exact);
      theirError = Math.max(theirError, Math.abs((theirs[t - 49] ?? 0) - exact) / exact);
    }
    expect(ourError, "within an ulp of the exact mean").toBeLessThanOrEqual(2.3e-16);
    expect(theirError, "technicalindicators' running sum has drifted").toBeGreaterThan(1e-13);
  });
});
