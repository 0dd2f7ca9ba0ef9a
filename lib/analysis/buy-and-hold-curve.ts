/** A bar's close price stamped with the bar's close time (epoch ms), as equity curves are. */
export interface ClosePoint {
  readonly time: number;
  readonly close: number;
}

/** A funding event with the price it is charged at (the close of the bar holding it, as the engine charges it). */
export interface PricedFunding {
  readonly time: number;
  readonly rate: number;
  readonly price: number;
}

export interface BuyAndHoldInput {
  readonly startingEquity: number;
  /** Open time of the period's first bar: the buy happens here, at `entryPrice` (that bar's open). */
  readonly periodStart: number;
  readonly entryPrice: number;
  /** Ascending close times: the curve is sampled at these, like the strategy's stored curve. */
  readonly closes: readonly ClosePoint[];
  /** Null when the store has no funding for the period: the curve is then price only. */
  readonly funding: readonly PricedFunding[] | null;
}

/**
 * Equity of buying the whole starting capital of the perpetual at 1× at the period's first open and holding it to the
 * end: starting equity plus the price change of that quantity, less the funding a long pays (positive rate) or
 * receives (negative) at every event after the buy. No fees, no slippage: the benchmark a strategy has to beat, not
 * a trade. The first point is the starting equity at the period start.
 */
export function buyAndHoldCurve(input: BuyAndHoldInput): { time: number; equity: number }[] {
  const { startingEquity, periodStart, entryPrice } = input;
  const curve = [{ time: periodStart, equity: startingEquity }];
  if (!(entryPrice > 0)) return curve;
  const qty = startingEquity / entryPrice;
  const funding = input.funding ?? [];
  let k = 0;
  while (k < funding.length && (funding[k]?.time ?? Infinity) <= periodStart) k++;
  let paid = 0;
  for (const point of input.closes) {
    if (point.time <= periodStart) continue;
    for (let event = funding[k]; event && event.time <= point.time; event = funding[++k]) paid += qty * event.price * event.rate;
    curve.push({ time: point.time, equity: startingEquity + qty * (point.close - entryPrice) - paid });
  }
  return curve;
}
