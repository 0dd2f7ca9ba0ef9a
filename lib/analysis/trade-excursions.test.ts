import { describe, expect, it } from "vitest";
import { exitBarOpenOf, tradeExcursion, type ExcursionTrade } from "./trade-excursions";

const BAR = 300_000;
/** Five 5m bars from t=0: [high, low] each. */
const bars = (hl: [number, number][]) => ({
  length: hl.length,
  time: Float64Array.from(hl, (_, i) => i * BAR),
  high: Float64Array.from(hl, ([h]) => h),
  low: Float64Array.from(hl, ([, l]) => l),
});
const candles = bars([
  [200, 50], // before the entry: never counts
  [104, 97],
  [108, 99],
  [103, 94],
  [300, 10], // after the exit: never counts
]);
const trade = (t: Partial<ExcursionTrade>): ExcursionTrade => ({ side: "long", entryTime: BAR, entryPrice: 100, exitTime: 3 * BAR, exitPrice: 95, qty: 2, reason: "stop", ...t });

describe("tradeExcursion", () => {
  it("a long stopped out: MAE to its fill, not the exit bar's low after it; MFE over every bar it held", () => {
    const x = tradeExcursion(trade({}), candles, BAR);
    expect(x?.mae, "the stop fill at 95, not the low of 94 the bar reached after").toEqual({ fraction: 0.05, usdt: 10 });
    expect(x?.mfe, "the 108 high of the second bar held").toEqual({ fraction: 0.08, usdt: 16 });
  });

  it("a long hitting its target: MFE capped at the target, MAE the exit bar's whole low", () => {
    const x = tradeExcursion(trade({ exitTime: 2 * BAR, exitPrice: 106, reason: "target" }), candles, BAR);
    expect(x?.mfe.usdt, "target at 106, not the 108 high").toBeCloseTo(12, 9);
    expect(x?.mae.usdt, "low 97 of the entry bar (the exit bar's 99 is higher)").toBeCloseTo(6, 9);
  });

  it("a short stopped out above its entry: MAE from the highs, MFE from the lows", () => {
    const x = tradeExcursion(trade({ side: "short", exitTime: 2 * BAR, exitPrice: 107, reason: "stop" }), candles, BAR);
    expect(x?.mae.fraction, "stop fill 107 caps the exit bar's 108 high").toBeCloseTo(0.07, 9);
    expect(x?.mfe.fraction, "the 97 low of the entry bar").toBeCloseTo(0.03, 9);
  });

  it("a time exit stamped at its bar's close counts that bar whole, and not the next", () => {
    const x = tradeExcursion(trade({ exitTime: 4 * BAR, exitPrice: 100, reason: "time" }), candles, BAR);
    expect(exitBarOpenOf({ exitTime: 4 * BAR, reason: "time" }, BAR)).toBe(3 * BAR);
    expect(x?.mae.usdt, "the 94 low of the last bar held").toBeCloseTo(12, 9);
    expect(x?.mfe.usdt).toBeCloseTo(16, 9);
  });

  it("no bars for the trade: null, not zero", () => {
    expect(tradeExcursion(trade({ entryTime: 10 * BAR, exitTime: 11 * BAR }), candles, BAR)).toBeNull();
  });
});
