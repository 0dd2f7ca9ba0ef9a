/** Regime codes stored per bar in a Uint8Array. */
export const REGIME = { trending: 0, ranging: 1, choppy: 2, unknown: 3 } as const;
export type RegimeName = keyof typeof REGIME;
export type RegimeCode = (typeof REGIME)[RegimeName];

export const REGIME_NAMES: readonly RegimeName[] = ["trending", "ranging", "choppy", "unknown"];

/** Name of a stored code; anything out of range reads as `unknown`. */
export function regimeName(code: number): RegimeName {
  return REGIME_NAMES[code] ?? "unknown";
}

/** Narrows a stored byte to a code; out-of-range bytes read as `unknown`. */
export function toRegimeCode(value: number | undefined): RegimeCode {
  return value === 0 || value === 1 || value === 2 ? value : REGIME.unknown;
}
