import { expect } from "vitest";

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
