/** A two-sided confidence interval, bounds in the statistic's own units. */
export interface Interval {
  readonly lower: number;
  readonly upper: number;
}

/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;
