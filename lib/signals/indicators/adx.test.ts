import { ADX } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { adx, adxState, advanceAdx } from "./adx";
import { expectByHand, expectTail } from "./testing/expect-values";
import { joined, pieces } from "./testing/live-pieces";
import { LONG, LONG_HLC, SHORT_BARS, f64 } from "./testing/reference-series";

describe("ADX kernel", () => {
  it("matches ADX(3) with +DI and −DI worked out by hand", () => {
    // Bar 3: TR sum 1 + 0.7 + 1.2 = 2.9, +DM sum 0.7 + 0 + 0.8 = 1.5, −DM sum 0 + 0.1 + 0 = 0.1
    // → +DI = 100·1.5/2.9 = 51.724, −DI = 100·0.1/2.9 = 3.448; the ADX starts at bar 5 with the mean of DX at bars 3–5.
    const out = adx(SHORT_BARS.high, SHORT_BARS.low, SHORT_BARS.close, 3);
    expectByHand(out.pdi, [null, null, null, 51.724137931, 56.4705882353, 39.6694214876, 27.4285714286, 29.4504462189, 49.6465156543, 46.0495582411, 31.8859433233, 21.8193629102]);
    expectByHand(out.mdi, [null, null, null, 3.44827586207, 2.35294117647, 9.09090909091, 25.5714285714, 16.815406294, 10.3303996537, 7.27125012694, 20.4134730328, 33.7004378789]);
    expectByHand(out.adx, [null, null, null, null, null, 80.7372881356, 54.9928731326, 45.7651303118, 52.3607804837, 59.1493226587, 46.7449265904, 38.2965202241]);
  });

  it("equals technicalindicators' ADX, +DI and −DI on a long series", () => {
    const rows = ADX.calculate({ period: 14, ...LONG_HLC });
    const out = adx(LONG.high, LONG.low, LONG.close, 14);
    expectTail(out.adx, rows.map((r) => r.adx), 27);
    // technicalindicators emits DI only from its first ADX; ours starts at bar 14, where DI is defined.
    expectTail(out.pdi.subarray(27), rows.map((r) => r.pdi), 0);
    expectTail(out.mdi.subarray(27), rows.map((r) => r.mdi), 0);
    expect(out.pdi.findIndex((v) => !Number.isNaN(v))).toBe(14);
  });

  it("reads a flat stretch as no trend and recovers, where technicalindicators turns NaN for good", () => {
    const flat = Array<number>(20).fill(100);
    const high = [...flat, ...LONG_HLC.high.slice(0, 200)];
    const low = [...flat, ...LONG_HLC.low.slice(0, 200)];
    const close = [...flat, ...LONG_HLC.close.slice(0, 200)];
    const ours = adx(f64(high), f64(low), f64(close), 5);
    expect(ours.adx.subarray(9, 20).every((v) => v === 0), "no range, no direction: ADX 0").toBe(true);
    expect(ours.adx.subarray(9).every(Number.isFinite)).toBe(true);
    const theirs = ADX.calculate({ period: 5, high, low, close });
    expect(theirs.every((r) => Number.isNaN(r.adx)), "0 / 0 once, NaN ever after").toBe(true);
  });

  it("gives the same values fed piece by piece, one bar at a time included, as fed whole", () => {
    const state = adxState(14);
    const parts = pieces(LONG.length).map(([a, b]) => advanceAdx(state, LONG.high.subarray(a, b), LONG.low.subarray(a, b), LONG.close.subarray(a, b)));
    const whole = adx(LONG.high, LONG.low, LONG.close, 14);
    for (const output of ["adx", "pdi", "mdi"] as const) expect(joined(parts.map((p) => p[output])), output).toEqual(whole[output]);
  });
});
