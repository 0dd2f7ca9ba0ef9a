import { tradeExcursion, type TradeExcursion } from "@/lib/analysis/trade-excursions";
import { timeframeMs, timeframeSchema } from "@/lib/market/timeframe";
import type { Database } from "../client";
import type { RunRow, TradeRow } from "./backtests";
import { loadCandleSeries } from "./candles";

/**
 * MAE/MFE of a run's trades from the run's own candles, read once for the span the trades cover. A portfolio run's
 * trades are on several series and get none (null), as does a trade whose candles are gone.
 */
export async function loadTradeExcursions(db: Database, run: RunRow, trades: readonly TradeRow[]): Promise<(TradeExcursion | null)[]> {
  const timeframe = timeframeSchema.safeParse(run.timeframe);
  if (run.kind !== "single" || !timeframe.success || trades.length === 0) return trades.map(() => null);
  const barMs = timeframeMs(timeframe.data);
  // A loop, not Math.min(...): a run may hold more trades than a call takes arguments.
  let fromMs = Infinity;
  let toMs = -Infinity;
  for (const t of trades) {
    fromMs = Math.min(fromMs, t.entryTime - barMs);
    toMs = Math.max(toMs, t.exitTime + barMs);
  }
  const bars = await loadCandleSeries(db, run.symbol, timeframe.data, { fromMs, toMs });
  return trades.map((t) => tradeExcursion(t, bars, barMs));
}
