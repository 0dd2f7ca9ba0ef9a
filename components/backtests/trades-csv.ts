import type { CsvColumn } from "@/lib/client/csv";
import type { TradeJson } from "@/lib/contract/backtests";
import { tradeNumber } from "./trade-number";

const iso = (ms: number) => new Date(ms).toISOString();
/** A fraction as a percentage number (0.0123 → 1.23): spreadsheets then read the column as numbers. */
const pct = (fraction: number | undefined) => (fraction === undefined ? undefined : fraction * 100);

/** The trades table as CSV: full precision, times in ISO UTC, every header naming its unit. */
export function tradeCsvColumns(baseAsset: string): CsvColumn<TradeJson>[] {
  return [
    { header: "Trade #", value: tradeNumber },
    { header: "Side", value: (t) => t.side },
    { header: "Entry time (UTC)", value: (t) => iso(t.entryTime) },
    { header: "Entry price (USDT)", value: (t) => t.entryPrice },
    { header: "Exit time (UTC)", value: (t) => iso(t.exitTime) },
    { header: "Exit price (USDT)", value: (t) => t.exitPrice },
    { header: "Exit reason", value: (t) => t.reason },
    { header: `Quantity (${baseAsset})`, value: (t) => t.qty },
    { header: "Stop (USDT)", value: (t) => t.stop },
    { header: "Target (USDT)", value: (t) => t.target },
    { header: "Gross PnL (USDT)", value: (t) => t.grossPnl },
    { header: "Fees (USDT)", value: (t) => t.entryFee + t.exitFee },
    { header: "Funding (USDT)", value: (t) => t.funding },
    { header: "Net PnL (USDT)", value: (t) => t.netPnl },
    { header: "R (multiple of risk)", value: (t) => t.r },
    { header: "MAE (% of entry)", value: (t) => pct(t.mae?.fraction) },
    { header: "MAE (USDT)", value: (t) => t.mae?.usdt },
    { header: "MFE (% of entry)", value: (t) => pct(t.mfe?.fraction) },
    { header: "MFE (USDT)", value: (t) => t.mfe?.usdt },
    { header: "Bars held", value: (t) => t.barsHeld },
    { header: "Regime", value: (t) => t.regime },
  ];
}
