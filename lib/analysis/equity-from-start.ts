/**
 * A stored curve (marked at bar closes, so its first point is the first bar's close) with the starting equity at the
 * period start in front: every curve of a chart then starts at the capital, where the period starts.
 */
export function equityFromStart<P extends { time: number; equity: number }>(points: readonly P[], periodStart: number, startingEquity: number): { time: number; equity: number }[] {
  const first = points[0];
  const rest = points.map((p) => ({ time: p.time, equity: p.equity }));
  return first && first.time <= periodStart ? rest : [{ time: periodStart, equity: startingEquity }, ...rest];
}

/** The capital a run started with, back from its final equity and net return, for batches that did not store it. */
export function startingEquityOf(points: readonly { equity: number }[], netReturn: number): number | null {
  const last = points[points.length - 1];
  return last && netReturn > -1 ? last.equity / (1 + netReturn) : null;
}
