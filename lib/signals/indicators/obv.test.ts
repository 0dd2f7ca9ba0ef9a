import { OBV } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { advanceObv, obv, obvState } from "./obv";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, f64 } from "./testing/reference-series";

describe("OBV kernel", () => {
  it("matches OBV worked out by hand", () => {
    // Up +3, down −4, flat 0, up +2, down −6, up +1 …
    const close = f64([10, 11, 10, 10, 12, 11, 11.5, 11.5, 11, 12, 13, 12]);
    const volume = f64([5, 3, 4, 7, 2, 6, 1, 9, 8, 2, 3, 4]);
    expectByHand(obv(close, volume), [null, 3, -1, -1, 1, -5, -4, -4, -12, -10, -7, -11], 0);
  });

  it("equals technicalindicators' OBV on a long series", () => {
    expectTail(obv(LONG.close, LONG.volume), OBV.calculate({ close: Array.from(LONG.close), volume: Array.from(LONG.volume) }), 1, 0);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = obvState();
    const parts = pieces(LONG.length).map(([a, b]) => advanceObv(state, LONG.close.subarray(a, b), LONG.volume.subarray(a, b)));
    expect(joined(parts)).toEqual(obv(LONG.close, LONG.volume));
  });
});
