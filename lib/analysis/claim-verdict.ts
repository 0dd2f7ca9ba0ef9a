import type { Interval } from "./interval";

export type ClaimVerdict = "supported" | "contradicted" | "inconclusive";

/**
 * A claimed probability against a measured confidence interval: `supported` if the whole interval is at or above the
 * claim, `contradicted` if it lies wholly below, else `inconclusive` (including no data).
 */
export function claimVerdict(ci: Interval | null, claimed: number): ClaimVerdict {
  if (ci === null) return "inconclusive";
  if (ci.lower >= claimed) return "supported";
  if (ci.upper < claimed) return "contradicted";
  return "inconclusive";
}
