import { describe, expect, it } from "vitest";
import { drawdownCurve } from "./drawdown-curve";

describe("drawdownCurve", () => {
  it("measures each point against the highest equity so far", () => {
    const curve = drawdownCurve([
      { time: 1, equity: 100 },
      { time: 2, equity: 80 },
      { time: 3, equity: 120 },
      { time: 4, equity: 90 },
    ]);
    [0, -0.2, 0, -0.25].forEach((expected, i) => expect(curve[i]?.drawdown).toBeCloseTo(expected, 12));
    expect(curve.map((p) => p.time)).toEqual([1, 2, 3, 4]);
  });

  it("reads 0 while no positive peak exists", () => {
    expect(drawdownCurve([{ time: 1, equity: 0 }]).map((p) => p.drawdown)).toEqual([0]);
  });
});
