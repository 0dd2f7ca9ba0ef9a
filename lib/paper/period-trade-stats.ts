/** A closed trade as both ledgers store it: the paper account's positions and a backtest run's trades. */
export interface ClosedTrade {
  readonly entryTime: number;
  readonly exitTime: number;
  /** Net of fees, funding and slippage (USDT). */
  readonly netPnl: number;
}

/** What the paper-vs-backtest table compares, for one side over one period. */
export interface PeriodTradeStats {
  readonly trades: number;
  readonly wins: number;
  readonly winRate: number | null;
  /** Gross profit over gross loss of the net results; null without a loss. */
  readonly profitFactor: number | null;
  readonly tradesPerDay: number | null;
  readonly averageHoldMinutes: number | null;
}

const DAY_MS = 86_400_000;

/**
 * The trades opened and closed within [from, to] (epoch ms, both inclusive), counted as paper counts its own: a win
 * is a positive net result, and a trade still open at `to` is not counted yet. Used to set a backtest's trades over
 * the same period as a paper account has traded, so their win rates and trade rates compare like with like.
 */
export function periodTradeStats(trades: readonly ClosedTrade[], period: { readonly from: number; readonly to: number }): PeriodTradeStats {
  let n = 0;
  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let holdMs = 0;
  for (const t of trades) {
    if (t.entryTime < period.from || t.exitTime > period.to) continue;
    n++;
    if (t.netPnl > 0) {
      wins++;
      grossProfit += t.netPnl;
    } else {
      grossLoss -= t.netPnl;
    }
    holdMs += t.exitTime - t.entryTime;
  }
  const days = (period.to - period.from) / DAY_MS;
  return {
    trades: n,
    wins,
    winRate: n > 0 ? wins / n : null,
    profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
    tradesPerDay: days > 0 ? n / days : null,
    averageHoldMinutes: n > 0 ? holdMs / n / 60_000 : null,
  };
}
