import { describe, expect, it } from "vitest";
import { intradayActivity } from "./intraday-activity";

describe("intradayActivity", () => {
  it("averages 1 over a day, peaks at the US open and dips in the Asian night", () => {
    const day = Date.UTC(2024, 4, 1);
    const values = Array.from({ length: 1440 }, (_, m) => intradayActivity(day + m * 60_000));
    expect(values.reduce((a, b) => a + b, 0) / 1440).toBeCloseTo(1, 6);
    const at = (h: number, m = 0) => intradayActivity(day + (h * 60 + m) * 60_000);
    expect(at(14, 30)).toBeGreaterThan(1.4);
    expect(at(4, 30)).toBeLessThan(0.75);
    expect(at(8, 30)).toBeGreaterThan(at(5, 30));
    expect(intradayActivity(day + 86_400_000 + 123)).toBe(at(0));
    // No step on the hour: neighbouring minutes differ by little.
    expect(Math.abs(at(13, 0) - at(12, 59))).toBeLessThan(0.02);
  });
});
