import { describe, expect, it } from "vitest";
import { formatElapsed, formatNumber, formatPercent, formatPrice, formatProfitFactor, formatUtc, formatUtcDay, formatUtcMinute, formatUtcSeconds } from "./format";

const MS = Date.UTC(2026, 2, 1, 14, 5, 9, 123);

describe("format", () => {
  it("prints UTC times to the minute, with or without the zone, to the day and to the second", () => {
    expect(formatUtcMinute(MS)).toBe("2026-03-01 14:05");
    expect(formatUtc(MS)).toBe("2026-03-01 14:05 UTC");
    expect(formatUtcDay(MS)).toBe("2026-03-01");
    expect(formatUtcSeconds(new Date(MS).toISOString())).toBe("2026-03-01 14:05:09 UTC");
  });

  it("prints elapsed time in seconds under a minute, else minutes and padded seconds", () => {
    expect(formatElapsed("2026-03-01T00:00:00Z", "2026-03-01T00:00:04.2Z")).toBe("4.2 s");
    expect(formatElapsed("2026-03-01T00:00:00Z", "2026-03-01T00:03:05Z")).toBe("3 min 05 s");
  });

  it("prints undefined figures as a dash, never NaN or Infinity", () => {
    for (const value of [null, undefined, Number.NaN, Infinity]) {
      expect(formatPercent(value), String(value)).toBe("—");
      expect(formatNumber(value), String(value)).toBe("—");
    }
    expect(formatPercent(0.1234)).toBe("12.3%");
    expect(formatNumber(1234.5)).toBe("1,234.50");
  });

  it("spells out an unbounded profit factor and sizes a price's decimals to its size", () => {
    expect(formatProfitFactor(null, true)).toBe("∞ (no losses)");
    expect(formatProfitFactor(1.5, false)).toBe("1.50");
    expect([formatPrice(60_123.45), formatPrice(612.345), formatPrice(1.23456)]).toEqual(["60,123.5", "612.35", "1.2346"]);
  });
});
