import { expect } from "vitest";
import { randomWalkSeries } from "../test-support/synthetic-market";

/** The long series kernels are compared with technicalindicators on: 20,000 5m bars of a random walk near 30,000. */
export const LONG = randomWalkSeries("BTCUSDT.P", "5m", 20_000, 7);
export const LONG_HLC = { high: Array.from(LONG.high), low: Array.from(LONG.low), close: Array.from(LONG.close) };

/** Relative to the value's size, so the same tolerance reads the same for an RSI near 50 and a price near 30,000. */
const within = (a: number, b: number, tolerance: number): boolean => Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(b));

/**
 * technicalindicators returns only the defined tail of a column: `ours` must end with `theirs`, each value within
 * `tolerance` (relative), and hold exactly `nanBefore` leading NaNs.
 */
export function expectTail(ours: Float64Array | undefined, theirs: readonly (number | undefined)[], nanBefore: number, tolerance = 1e-9): void {
  expect(ours, "the kernel returns the column").toBeDefined();
  if (!ours) return;
  expect(ours.length - theirs.length, "their first value sits where our warm-up ends").toBe(nanBefore);
  expect(ours.subarray(0, nanBefore).every(Number.isNaN), "NaN during warm-up").toBe(true);
  const off = theirs.findIndex((v, i) => !within(ours[nanBefore + i] ?? Number.NaN, v ?? Number.NaN, tolerance));
  expect(off, off < 0 ? "" : `bar ${nanBefore + off}: ours ${ours[nanBefore + off]}, theirs ${theirs[off]}`).toBe(-1);
}

/** `values` against numbers worked out by hand (null = warm-up, must be NaN). */
export function expectByHand(values: Float64Array | undefined, expected: readonly (number | null)[], tolerance = 1e-9): void {
  expect(values?.length).toBe(expected.length);
  expected.forEach((e, t) => {
    const v = values?.[t] ?? Number.NaN;
    if (e === null) expect(v, `bar ${t} is warm-up`).toBeNaN();
    else expect(within(v, e, tolerance), `bar ${t}: ${v}, by hand ${e}`).toBe(true);
  });
}

export const f64 = (values: readonly number[]): Float64Array => Float64Array.from(values);

/** 12 bars with true ranges easy to check by hand. */
export const SHORT_BARS = {
  high: f64([10.5, 11.2, 11.0, 11.8, 12.4, 12.1, 11.6, 11.9, 12.8, 13.1, 12.7, 12.2]),
  low: f64([10.0, 10.4, 10.3, 10.9, 11.5, 11.3, 10.8, 11.1, 11.7, 12.3, 11.9, 11.4]),
  close: f64([10.2, 11.0, 10.6, 11.6, 12.0, 11.5, 11.0, 11.8, 12.6, 12.5, 12.0, 11.6]),
};

/** 12 closes in whole numbers, for averages worked out by hand. */
export const SHORT_CLOSES = f64([10, 11, 12, 11, 13, 14, 13, 15, 16, 15, 17, 18]);

/** Cuts 0..length into consecutive pieces of 1 to 40 bars, single bars included: how a live feed delivers a series. */
export function pieces(length: number): [number, number][] {
  const out: [number, number][] = [];
  for (let start = 0, k = 0; start < length; k++) {
    const end = Math.min(length, start + (k % 3 === 0 ? 1 : 1 + ((k * 7919) % 40)));
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Concatenates the columns a kernel returned piece by piece. */
export function joined(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
