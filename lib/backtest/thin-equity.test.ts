import { describe, expect, it } from "vitest";
import { thinEquity } from "./thin-equity";

describe("thinEquity", () => {
  it("keeps short curves whole", () => {
    expect(thinEquity(new Float64Array([1, 2, 3]), new Float64Array([10, 11, 9]), 5)).toEqual({ time: [1, 2, 3], equity: [10, 11, 9] });
  });
  it("keeps each stride's low and the last point", () => {
    const time = new Float64Array(10).map((_, i) => i);
    const equity = new Float64Array([10, 9, 12, 13, 5, 14, 15, 16, 8, 20]);
    const out = thinEquity(time, equity, 4);
    expect(out.equity, "the 5 (the deepest drawdown) survives").toContain(5);
    expect(out.time.at(-1)).toBe(9);
    expect(out.time.length).toBeLessThanOrEqual(5);
    expect([...out.time]).toEqual([...out.time].sort((a, b) => a - b));
  });
});
