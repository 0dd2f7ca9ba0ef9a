import { MACD } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { advanceMacd, macd, macdState } from "./macd";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, SHORT_CLOSES, f64 } from "./testing/reference-series";

const theirs = (values: readonly number[], fast: number, slow: number, signal: number) =>
  MACD.calculate({ fastPeriod: fast, slowPeriod: slow, signalPeriod: signal, values: [...values], SimpleMAOscillator: false, SimpleMASignal: false });

describe("MACD kernel", () => {
  it("matches MACD(2,4,3) worked out by hand", () => {
    // Bar 3: EMA(2) 11.16667 (10.5, 11.5, 11.16667) − EMA(4) 11 (mean of 10, 11, 12, 11) = 0.16667; the signal is
    // the EMA(3) of these, seeded at bar 5 with the mean of bars 3–5.
    const out = macd(SHORT_CLOSES, 2, 4, 3);
    expectByHand(out.macd, [null, null, null, 0.166666666667, 0.588888888889, 0.782962962963, 0.346320987654, 0.699973662551, 0.85071122085, 0.387335740283, 0.724704446761, 0.865590335587]);
    expectByHand(out.signal, [null, null, null, null, null, 0.512839506173, 0.429580246914, 0.564776954733, 0.707744087791, 0.547539914037, 0.636122180399, 0.750856257993]);
    expectByHand(out.histogram, [null, null, null, null, null, 0.27012345679, -0.0832592592593, 0.135196707819, 0.142967133059, -0.160204173754, 0.0885822663618, 0.114734077594]);
  });

  it("equals technicalindicators' MACD (EMA oscillator and signal) on a long series", () => {
    const rows = theirs(Array.from(LONG.close), 12, 26, 9);
    const out = macd(LONG.close, 12, 26, 9);
    expectTail(out.macd, rows.map((r) => r.MACD), 25);
    const withSignal = rows.slice(8);
    expectTail(out.signal, withSignal.map((r) => r.signal), 33);
    expectTail(out.histogram, withSignal.map((r) => r.histogram), 33);
  });

  it("keeps a signal of exactly 0, which technicalindicators drops (it tests the signal for truthiness)", () => {
    const flat = Array<number>(12).fill(100);
    expect(Array.from(macd(f64(flat), 2, 4, 3).signal.subarray(5))).toEqual(Array<number>(7).fill(0));
    expect(theirs(flat, 2, 4, 3).every((r) => r.signal === undefined)).toBe(true);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = macdState(12, 26, 9);
    const parts = pieces(LONG.length).map(([a, b]) => advanceMacd(state, LONG.close.subarray(a, b)));
    const whole = macd(LONG.close, 12, 26, 9);
    expect(joined(parts.map((p) => p.macd))).toEqual(whole.macd);
    expect(joined(parts.map((p) => p.signal))).toEqual(whole.signal);
    expect(joined(parts.map((p) => p.histogram))).toEqual(whole.histogram);
  });
});
