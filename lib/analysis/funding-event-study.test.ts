import { describe, expect, it } from "vitest";
import { fundingClassRange } from "./funding-classification";
import { fundingEventStudy } from "./funding-event-study";
import { Z_95 } from "./interval";

const H = 3_600_000;
/** Hourly bars opening at 0h..9h; the price known at t is the close of the bar that closed by t. */
const bars = { length: 10, time: Array.from({ length: 10 }, (_, k) => k * H), close: [100, 100, 100, 110, 100, 90, 100, 100, 100, 100], barMs: H };
/** Extreme bullish at 2h and 5h, neutral at 7h, extreme bearish at 9h (spacing 2h: rates × 4 to 8h, all far from the edges). */
const funding = { symbol: "TEST", length: 4, time: Float64Array.from([2 * H, 5 * H, 7 * H, 9 * H]), rate: Float64Array.from([0.01, 0.01, 0, -0.01]) };

describe("fundingEventStudy", () => {
  const study = fundingEventStudy(funding, bars, { horizonHours: 2 });

  it("averages each hour's move relative to the event's price, with mean ± 1.96 SE", () => {
    // event at 2h: 100 → 100 (1h) → 110 (2h); event at 5h: 100 → 90 → 100
    const [h0, h1, h2] = study.paths.extreme_bullish;
    expect(h0, "at the event every path is 0 %").toEqual({ hours: 0, events: 2, mean: 0, lower: 0, upper: 0 });
    expect(h1?.events).toBe(2);
    expect(h1?.mean).toBeCloseTo(-0.05, 12);
    // sample sd of (0, −0.1) is 0.1/√2, so SE = 0.05
    expect(h1?.lower).toBeCloseTo(-0.05 - Z_95 * 0.05, 12);
    expect(h1?.upper).toBeCloseTo(-0.05 + Z_95 * 0.05, 12);
    expect(h2?.mean).toBeCloseTo(0.05, 12);
  });

  it("keeps classes apart and drops only the hours beyond the data", () => {
    // the bearish event at 9h has the bar closing at 10h for +1h, nothing for +2h
    expect(study.paths.extreme_bearish.map((p) => p.events)).toEqual([1, 1, 0]);
    expect(study.paths.extreme_bearish[1], "one event: a mean, no interval").toEqual({ hours: 1, events: 1, mean: 0, lower: null, upper: null });
    expect(study.paths.extreme_bearish[2]?.mean).toBeNull();
  });

  it("leaves out an event with no price at its time", () => {
    const early = { ...funding, time: Float64Array.from([0, 5 * H, 7 * H, 9 * H]) };
    expect(fundingEventStudy(early, bars, { horizonHours: 1 }).paths.extreme_bullish[0]?.events, "no bar had closed at 0h").toBe(1);
  });
});

describe("fundingClassRange", () => {
  it("gives each class its band edges, open at the extremes", () => {
    expect(fundingClassRange("extreme_bearish")).toEqual({ lower: null, upper: -0.0002 });
    expect(fundingClassRange("neutral")).toEqual({ lower: -0.0002, upper: 0.0001 });
    expect(fundingClassRange("moderate_bullish")).toEqual({ lower: 0.0001, upper: 0.0002 });
    expect(fundingClassRange("elevated_bullish")).toEqual({ lower: 0.0002, upper: 0.0003 });
    expect(fundingClassRange("extreme_bullish")).toEqual({ lower: 0.0003, upper: null });
  });
});
