import { describe, expect, it } from "vitest";
import { D0, HOUR_MS } from "@/lib/analysis/testing/test-trades";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { tuningWindows } from "./tuning-windows";

describe("tuningWindows", () => {
  it("tiles the period with windows of whole days whose inner boundaries are midnights", () => {
    const windows = tuningWindows({ from: D0, to: D0 + 180 * DAY_MS }, 6, 7);
    expect(windows.map((w) => [(w.from - D0) / DAY_MS, (w.to - D0) / DAY_MS])).toEqual([
      [0, 30],
      [30, 60],
      [60, 90],
      [90, 120],
      [120, 150],
      [150, 180],
    ]);
  });

  it("starts at the period's start and ends at its end when those are not midnights", () => {
    const from = D0 + 5 * HOUR_MS;
    const to = D0 + 20 * DAY_MS + 3 * HOUR_MS;
    // Whole days from the first midnight (day 1) to the last (day 20): 19, split at day 1 + round(9.5) = day 11.
    expect(tuningWindows({ from, to }, 2, 7)).toEqual([
      { from, to: D0 + 11 * DAY_MS },
      { from: D0 + 11 * DAY_MS, to },
    ]);
  });

  it("cuts fewer windows when the asked ones would be shorter than minDays, none when two do not fit", () => {
    expect(tuningWindows({ from: D0, to: D0 + 30 * DAY_MS }, 6, 7)).toHaveLength(4);
    expect(tuningWindows({ from: D0, to: D0 + 13 * DAY_MS }, 6, 7)).toEqual([]);
  });

  it("refuses a count or minimum it cannot use, naming the option", () => {
    expect(() => tuningWindows({ from: D0, to: D0 + DAY_MS }, 1, 7)).toThrow(/windows must be an integer of at least 2, got 1/);
    expect(() => tuningWindows({ from: D0, to: D0 + DAY_MS }, 4, 1.5)).toThrow(/minWindowDays/);
  });
});
