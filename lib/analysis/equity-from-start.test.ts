import { describe, expect, it } from "vitest";
import { equityFromStart, startingEquityOf } from "./equity-from-start";

describe("equityFromStart", () => {
  it("puts the starting equity at the period start before the first bar close", () => {
    expect(equityFromStart([{ time: 160, equity: 9_990 }], 100, 10_000)).toEqual([
      { time: 100, equity: 10_000 },
      { time: 160, equity: 9_990 },
    ]);
  });

  it("leaves a curve that already starts at the period start as it is", () => {
    expect(equityFromStart([{ time: 100, equity: 10_000 }], 100, 10_000)).toEqual([{ time: 100, equity: 10_000 }]);
  });
});

describe("startingEquityOf", () => {
  it("reads the capital back from the final equity and the net return", () => {
    expect(startingEquityOf([{ equity: 9_000 }, { equity: 12_000 }], 0.2)).toBeCloseTo(10_000, 9);
    expect(startingEquityOf([], 0.2), "no curve, no capital").toBeNull();
    expect(startingEquityOf([{ equity: 0 }], -1), "a wiped-out run says nothing about its start").toBeNull();
  });
});
