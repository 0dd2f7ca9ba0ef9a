import { describe, expect, it } from "vitest";
import { AnalysisError } from "./errors";
import { splitTime, splitTradesAt, tradesEnteredIn } from "./split-trades";
import { testTrade } from "./testing/test-trades";

describe("time split of trades", () => {
  it("cuts at from + 0.7 × span by default", () => {
    expect(splitTime({ from: 1000, to: 2000 })).toBe(1700);
    expect(splitTime({ from: 0, to: 10 }, 0.25)).toBe(3);
    expect(() => splitTime({ from: 5, to: 5 })).toThrow(AnalysisError);
    expect(() => splitTime({ from: 0, to: 5 }, 1)).toThrow(AnalysisError);
  });

  it("assigns trades by ENTRY time: a trade straddling the cut stays on the side it was entered", () => {
    const straddler = testTrade(1690, 5, 1800);
    const trades = [testTrade(1000, 1), straddler, testTrade(1700, -1), testTrade(1999, 2)];
    const { before, after } = splitTradesAt(trades, 1700);
    expect(before).toEqual([trades[0], straddler]);
    expect(after.map((t) => t.entryTime), "entry exactly at the cut is out-of-sample").toEqual([1700, 1999]);
  });

  it("selects trades entered in a half-open period", () => {
    const trades = [testTrade(10, 1), testTrade(20, 1), testTrade(30, 1)];
    expect(tradesEnteredIn(trades, { from: 10, to: 30 }).map((t) => t.entryTime)).toEqual([10, 20]);
  });
});
