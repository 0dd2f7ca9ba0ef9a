import { describe, expect, it } from "vitest";
import { toFundingSeries } from "@/lib/market/series";
import { fundingRateDistribution } from "./funding-rate-distribution";
import { wilsonInterval } from "./wilson-interval";

const H8 = 8 * 3_600_000;

describe("funding rate distribution", () => {
  // Ten 8-hourly settlements across a new year: two runs above 0.0003 (lengths 2 and 1), one below -0.0002.
  const rates = [0.0001, 0.0004, 0.0005, 0.0001, -0.0003, 0.0001, 0.0003, 0.00031, 0.0001, 0.0002];
  const start = Date.UTC(2023, 11, 31);
  const d = fundingRateDistribution(toFundingSeries("X", rates.map((rate, i) => ({ time: start + i * H8, rate }))));

  it("counts the claim's trigger, its runs and the other bands", () => {
    expect(d.events).toBe(10);
    expect(d.intervalMs).toBe(H8);
    expect(d.classCounts, "0.0003 itself is not above 0.0003").toEqual({ extreme_bearish: 1, neutral: 0, moderate_bullish: 5, elevated_bullish: 1, extreme_bullish: 3 });
    expect(d.extremeBullishShare).toBe(0.3);
    expect(d.extremeBullishCi).toEqual(wilsonInterval(3, 10));
    expect([d.extremeBullishRuns, d.longestExtremeBullishRun]).toEqual([2, 2]);
  });

  it("gives nearest-rank percentiles and per-year counts", () => {
    expect(d.percentiles).toEqual({ p1: -0.0003, p5: -0.0003, p50: 0.0001, p95: 0.0005, p99: 0.0005 });
    expect([d.min, d.max]).toEqual([-0.0003, 0.0005]);
    expect(d.perYear).toEqual([
      { year: 2023, events: 3, extremeBullish: 2, extremeBearish: 0 },
      { year: 2024, events: 7, extremeBullish: 1, extremeBearish: 1 },
    ]);
  });

  it("reads hourly rates per 8 hours", () => {
    const hourly = fundingRateDistribution(toFundingSeries("X", [0.00005, 0.00001, 0.00001].map((rate, i) => ({ time: start + i * 3_600_000, rate }))));
    expect(hourly.classCounts.extreme_bullish, "0.00005 an hour is 0.0004 per 8h").toBe(1);
  });
});
