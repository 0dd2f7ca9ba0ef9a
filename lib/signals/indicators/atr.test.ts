import { ATR } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { advanceAtr, atr, atrState } from "./atr";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, LONG_HLC, SHORT_BARS } from "./testing/reference-series";

describe("ATR kernel", () => {
  it("matches ATR(3) worked out by hand", () => {
    // True ranges from bar 1: 1, 0.7, 1.2, 0.9, … Bar 3: (1 + 0.7 + 1.2) / 3 = 0.96667; bar 4: (0.96667 · 2 + 0.9) / 3 = 0.94444; …
    expectByHand(atr(SHORT_BARS.high, SHORT_BARS.low, SHORT_BARS.close, 3), [null, null, null, 0.966666666667, 0.944444444444, 0.896296296296, 0.864197530864, 0.876131687243, 0.950754458162, 0.900502972108, 0.867001981405, 0.844667987604]);
  });

  it("equals technicalindicators' ATR (which does not round) on a long series", () => {
    expectTail(atr(LONG.high, LONG.low, LONG.close, 14), ATR.calculate({ period: 14, ...LONG_HLC }), 14);
    expectTail(atr(LONG.high, LONG.low, LONG.close, 1), ATR.calculate({ period: 1, ...LONG_HLC }), 1);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = atrState(14);
    const parts = pieces(LONG.length).map(([a, b]) => advanceAtr(state, LONG.high.subarray(a, b), LONG.low.subarray(a, b), LONG.close.subarray(a, b)));
    expect(joined(parts)).toEqual(atr(LONG.high, LONG.low, LONG.close, 14));
  });
});
