import { BollingerBands } from "technicalindicators";
import { describe, it } from "vitest";
import { bollinger } from "./bollinger";
import { expectByHand, expectTail } from "./testing/expect-values";
import { LONG, SHORT_CLOSES } from "./testing/reference-series";

describe("Bollinger kernel", () => {
  it("matches BB(4, 2) worked out by hand: mean ± 2 population standard deviations", () => {
    // Bar 3: window 10, 11, 12, 11 → mean 11, variance (1 + 0 + 1 + 0) / 4 = 0.5 → 11 ± 2·√0.5.
    const out = bollinger(SHORT_CLOSES, 4, 2);
    const mean = [11, 11.75, 12.5, 12.75, 13.75, 14.5, 14.75, 15.75, 16.5];
    const variance = [0.5, 0.6875, 1.25, 1.1875, 0.6875, 1.25, 1.1875, 0.6875, 1.25];
    const warmUp = [null, null, null];
    expectByHand(out.middle, [...warmUp, ...mean], 0);
    expectByHand(out.upper, [...warmUp, ...mean.map((m, k) => m + 2 * Math.sqrt(variance[k] ?? 0))]);
    expectByHand(out.lower, [...warmUp, ...mean.map((m, k) => m - 2 * Math.sqrt(variance[k] ?? 0))]);
    expectByHand(out.width, [...warmUp, ...mean.map((m, k) => (4 * Math.sqrt(variance[k] ?? 0)) / m)]);
    // Two values spelled out: 11 + 2·√0.5 and 11.75 − 2·√0.6875.
    expectByHand(out.upper.subarray(3, 4), [12.4142135624]);
    expectByHand(out.lower.subarray(4, 5), [10.0916876048]);
  });

  it("equals technicalindicators' bands on a long series", () => {
    const rows = BollingerBands.calculate({ period: 20, stdDev: 2, values: Array.from(LONG.close) });
    const out = bollinger(LONG.close, 20, 2);
    expectTail(out.middle, rows.map((r) => r.middle), 19);
    expectTail(out.upper, rows.map((r) => r.upper), 19);
    expectTail(out.lower, rows.map((r) => r.lower), 19);
  });
});
