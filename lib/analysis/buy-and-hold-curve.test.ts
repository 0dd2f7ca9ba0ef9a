import { describe, expect, it } from "vitest";
import { buyAndHoldCurve } from "./buy-and-hold-curve";

const closes = [
  { time: 200, close: 110 },
  { time: 300, close: 90 },
  { time: 400, close: 120 },
];

describe("buyAndHoldCurve", () => {
  it("starts at the starting equity and follows the price of the quantity bought at the first open", () => {
    const curve = buyAndHoldCurve({ startingEquity: 10_000, periodStart: 100, entryPrice: 100, closes, funding: null });
    expect(curve[0], "the first point is the capital at the period start").toEqual({ time: 100, equity: 10_000 });
    expect(curve.map((p) => p.equity), "100 units: +10, −10, +20 per unit").toEqual([10_000, 11_000, 9_000, 12_000]);
  });

  it("charges a long the funding of each event after the buy at its own price, and credits negative rates", () => {
    const funding = [
      { time: 100, rate: 0.5, price: 100 },
      { time: 250, rate: 0.001, price: 100 },
      { time: 400, rate: -0.002, price: 120 },
    ];
    const curve = buyAndHoldCurve({ startingEquity: 10_000, periodStart: 100, entryPrice: 100, closes, funding });
    // 100 units: the event at the buy itself is not held; 250 costs 100 × 100 × 0.001 = 10; 400 pays back 100 × 120 × 0.002 = 24.
    expect(curve.map((p) => p.equity)).toEqual([10_000, 11_000, 8_990, 12_014]);
  });

  it("skips closes at or before the buy and stays flat without a usable entry price", () => {
    expect(buyAndHoldCurve({ startingEquity: 500, periodStart: 300, entryPrice: 100, closes, funding: null })).toEqual([
      { time: 300, equity: 500 },
      { time: 400, equity: 600 },
    ]);
    expect(buyAndHoldCurve({ startingEquity: 500, periodStart: 100, entryPrice: 0, closes, funding: null })).toEqual([{ time: 100, equity: 500 }]);
  });
});
