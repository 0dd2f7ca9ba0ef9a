import { describe, expect, it } from "vitest";
import { randomWalkSeries } from "./testing/random-walk-series";
import { randomFundingSeries } from "./testing/random-funding-series";
import { truncateSeries } from "./series";
import { fundingFingerprint, seriesFingerprint } from "./series-fingerprint";

describe("seriesFingerprint", () => {
  const series = randomWalkSeries("BTCUSDT.P", "5m", 5_000, 3);

  it("is the same for a copy (what a worker thread receives)", () => {
    expect(seriesFingerprint(structuredClone(series))).toBe(seriesFingerprint(series));
  });

  it("differs when any one value of any column changes, even in its last bit", () => {
    for (const column of ["time", "open", "high", "low", "close", "volume"] as const) {
      const changed = structuredClone(series);
      const values = changed[column];
      values[2_500] = (values[2_500] ?? 0) * (1 + Number.EPSILON);
      expect(seriesFingerprint(changed), column).not.toBe(seriesFingerprint(series));
    }
  });

  it("differs for a truncated series and for another symbol or timeframe", () => {
    expect(seriesFingerprint(truncateSeries(series, 4_999))).not.toBe(seriesFingerprint(series));
    expect(seriesFingerprint({ ...series, symbol: "ETHUSDT.P" })).not.toBe(seriesFingerprint(series));
    expect(seriesFingerprint({ ...series, timeframe: "15m" })).not.toBe(seriesFingerprint(series));
  });

  it("tells funding histories apart by their rates, not only their times", () => {
    const funding = randomFundingSeries("BTCUSDT.P", 0, 30 * 86_400_000, 1);
    const other = { ...funding, rate: funding.rate.map((r) => r + 1e-6) };
    expect(fundingFingerprint(structuredClone(funding))).toBe(fundingFingerprint(funding));
    expect(fundingFingerprint(other)).not.toBe(fundingFingerprint(funding));
  });
});
