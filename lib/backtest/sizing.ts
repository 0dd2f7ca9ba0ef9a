import type { Sizing } from "./types";

/**
 * Quantity for a new position. `scale` multiplies the risk fraction (or notional fraction): the portfolio's
 * regime/timeframe allocation; 1 in a single-leg run. The leverage cap applies to risk sizing only, where a tight
 * stop would otherwise ask for an unbounded notional.
 */
export function positionQty(sizing: Sizing, equity: number, scale: number, entryPrice: number, stopDistance: number): number {
  if (sizing.mode === "notional") return (equity * sizing.fraction * scale) / entryPrice;
  const riskQty = (equity * sizing.riskFraction * scale) / stopDistance;
  const capQty = (equity * sizing.leverage) / entryPrice;
  return Math.min(riskQty, capQty);
}
