/** Peak-to-date drawdown of an equity curve at each point, as a fraction of the peak (0 at a new high, −0.2 = 20 % below). */
export function drawdownCurve(points: readonly { time: number; equity: number }[]): { time: number; drawdown: number }[] {
  let peak = -Infinity;
  return points.map((p) => {
    peak = Math.max(peak, p.equity);
    return { time: p.time, drawdown: peak > 0 ? p.equity / peak - 1 : 0 };
  });
}
