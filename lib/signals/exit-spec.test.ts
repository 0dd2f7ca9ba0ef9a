import { describe, expect, it } from "vitest";
import { RuleSyntaxError } from "./errors";
import { atrPeriodsOf, exitLevels, parseStop, parseTarget, stopDistance, targetDistance } from "./exit-spec";

const input = { entryPrice: 50_000, atr: (period: number) => (period === 14 ? 100 : 250) };

describe("stop and target specs", () => {
  it.each([
    ["1 ATR below entry", { kind: "atr", multiple: 1, period: 14, side: "below" }],
    ["1.5 ATR", { kind: "atr", multiple: 1.5, period: 14 }],
    ["2 ATR(14) above entry", { kind: "atr", multiple: 2, period: 14, side: "above" }],
    ["1.5x ATR(21)", { kind: "atr", multiple: 1.5, period: 21 }],
    ["+30 pips", { kind: "bps", bps: 30 }],
    ["30 bps", { kind: "bps", bps: 30 }],
    ["0.5%", { kind: "percent", pct: 0.5 }],
    ["0.5 % below entry", { kind: "percent", pct: 0.5, side: "below" }],
  ])("parses stop %j", (text, spec) => {
    expect(parseStop(text)).toEqual(spec);
    expect(parseTarget(text)).toEqual(spec);
  });

  it("parses R targets and refuses them as stops", () => {
    expect(parseTarget("2R")).toEqual({ kind: "r", multiple: 2 });
    expect(parseTarget("1.5 R")).toEqual({ kind: "r", multiple: 1.5 });
    expect(() => parseStop("2R")).toThrow(/'2R' at column 1 is only valid for targets/);
  });

  it.each([
    ["1 ATR below", /expected 'entry' after 'below' at column 7/],
    ["1 furlong", /expected 'ATR', 'pips', 'bps' or '%' at column 3, found 'furlong'/],
    ["ATR", /expected a distance such as/],
    ["0 ATR", /must be positive/],
    ["1 ATR(0)", /expected an integer ATR period at column 7/],
    ["2q", /unknown unit 'q' at column 1/],
    ["1 ATR below entry now", /unexpected 'now' at column 19/],
  ])("explains %j", (text, message) => {
    expect(() => parseStop(text)).toThrow(RuleSyntaxError);
    expect(() => parseStop(text)).toThrow(message);
  });

  it("computes distances from entry price and the signal bar's ATR", () => {
    expect(stopDistance(parseStop("1.5 ATR"), input)).toBe(150);
    expect(stopDistance(parseStop("2 ATR(21)"), input)).toBe(500);
    expect(stopDistance(parseStop("30 pips"), input)).toBe(150);
    expect(stopDistance(parseStop("0.5%"), input)).toBe(250);
    expect(targetDistance(parseTarget("2R"), input, 150)).toBe(300);
    expect(Number.isNaN(stopDistance(parseStop("1 ATR"), { entryPrice: 1, atr: () => Number.NaN }))).toBe(true);
  });

  it("places a long's stop below and target above entry, a short's the other way", () => {
    const stop = parseStop("1 ATR");
    const target = parseTarget("2R");
    expect(exitLevels("long", stop, target, input)).toEqual({ stopPrice: 49_900, targetPrice: 50_200, stopDistance: 100, targetDistance: 200 });
    expect(exitLevels("short", stop, target, input)).toEqual({ stopPrice: 50_100, targetPrice: 49_800, stopDistance: 100, targetDistance: 200 });
  });

  it("lists the ATR periods to read", () => {
    expect(atrPeriodsOf(parseStop("1 ATR"), parseTarget("3 ATR(21)"), parseTarget("2R"))).toEqual([14, 21]);
  });
});
