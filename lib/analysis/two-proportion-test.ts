import { AnalysisError } from "./errors";
import { normalCdf } from "./normal-distribution";

export interface TwoProportionTest {
  /** p̂₁ − p̂₂. */
  readonly difference: number;
  /** (p̂₁ − p̂₂) / √(p̂(1−p̂)(1/n₁ + 1/n₂)) with the pooled p̂ = (x₁ + x₂)/(n₁ + n₂). */
  readonly z: number;
  /** Two-sided: 2·Φ(−|z|). */
  readonly pValue: number;
}

/**
 * Pooled two-proportion z-test of H₀: p₁ = p₂. Assumes independent samples and is a large-sample approximation
 * (roughly n·p and n·(1−p) ≥ 5 in each group). Null when either group is empty. When the pooled proportion is 0 or 1
 * both samples agree exactly: z = 0, p = 1.
 */
export function twoProportionTest(successes1: number, n1: number, successes2: number, n2: number): TwoProportionTest | null {
  for (const [x, n] of [[successes1, n1], [successes2, n2]] as const) {
    if (!Number.isInteger(x) || !Number.isInteger(n) || x < 0 || x > n) {
      throw new AnalysisError("INVALID_PARAMETER", `twoProportionTest needs integers 0 ≤ successes ≤ n, got ${x} of ${n}`);
    }
  }
  if (n1 === 0 || n2 === 0) return null;
  const difference = successes1 / n1 - successes2 / n2;
  const pooled = (successes1 + successes2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { difference, z: 0, pValue: 1 };
  const z = difference / se;
  return { difference, z, pValue: 2 * normalCdf(-Math.abs(z)) };
}
