import type { Period } from "@/lib/analysis/types";
import type { Trade } from "@/lib/backtest/types";

/** One stretch of the tuned account: the trades one member entered in [from, to), from that member's whole run. */
export interface StitchSegment extends Period {
  /** The member's whole run, so its equity at each entry can be rebuilt. */
  readonly trades: readonly Trade[];
  readonly startingEquity: number;
}

/** The member's realised equity just before each of its trades entered: what its sizing was computed on. */
function equityAtEntries(trades: readonly Trade[], startingEquity: number): Map<Trade, number> {
  const byExit = [...trades].sort((a, b) => a.exitTime - b.exitTime);
  const exits: number[] = [];
  const levels: number[] = [];
  let level = startingEquity;
  for (const t of byExit) {
    level += t.netPnl;
    exits.push(t.exitTime);
    levels.push(level);
  }
  const at = new Map<Trade, number>();
  for (const t of trades) {
    // Last exit at or before the entry: a trade closed in the bar the next one fills in was booked before it.
    let lo = 0;
    let hi = exits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((exits[mid] as number) <= t.entryTime) lo = mid + 1;
      else hi = mid;
    }
    at.set(t, lo === 0 ? startingEquity : (levels[lo - 1] as number));
  }
  return at;
}

const scaled = (t: Trade, s: number): Trade => ({
  ...t,
  qty: t.qty * s,
  entryFee: t.entryFee * s,
  exitFee: t.exitFee * s,
  funding: t.funding * s,
  slippageCost: t.slippageCost * s,
  grossPnl: t.grossPnl * s,
  netPnl: t.netPnl * s,
});

/**
 * The trades one account makes by trading each segment's member in turn (segments in time order), in entry order.
 * The engine sizes every trade in proportion to the realised equity it was decided on (risk or notional fraction of
 * equity), so a member's trade is what this account would have traded scaled by (account equity ÷ member equity) at
 * entry: quantity, fees, funding, slippage and PnL scale; prices, stop, target, R, bars and regime do not. One position
 * at a time, like the engine's leg: a trade entering while the previous one (a segment's last trade running past its
 * end) is still open is not taken, nor any once the account's equity is gone.
 */
export function stitchTrades(segments: readonly StitchSegment[], startingEquity: number): Trade[] {
  const stitched: Trade[] = [];
  let equity = startingEquity;
  let openUntil = -Infinity;
  for (const segment of segments) {
    const memberEquity = equityAtEntries(segment.trades, segment.startingEquity);
    const entered = segment.trades.filter((t) => t.entryTime >= segment.from && t.entryTime < segment.to).sort((a, b) => a.entryTime - b.entryTime);
    for (const t of entered) {
      const base = memberEquity.get(t) as number;
      if (t.entryTime < openUntil || equity <= 0 || base <= 0) continue;
      const trade = scaled(t, equity / base);
      stitched.push(trade);
      equity += trade.netPnl;
      openUntil = trade.exitTime;
    }
  }
  return stitched;
}
