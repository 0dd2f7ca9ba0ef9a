import type { SeriesMarker, Time } from "lightweight-charts";
import type { TradeJson } from "@/lib/contract/backtests";
import { CHART_COLORS } from "./chart-theme";
import { barOpen, exitBarOpen, toChartTime } from "./chart-time";

interface Range {
  from: number;
  to: number;
}

/**
 * Entry arrows and exit circles (green win, red loss) drawn at their fill prices, for the trades whose entry or exit
 * bar is in [from, to]. They carry no text: labels would sit on the candles; the hover tooltip names each trade.
 */
export function markersIn(trades: readonly TradeJson[], barMs: number, r: Range, selectedSeq: number | null): SeriesMarker<Time>[] {
  const list: SeriesMarker<Time>[] = [];
  for (const t of trades) {
    const long = t.side === "long";
    const isSelected = t.seq === selectedSeq;
    const size = isSelected ? 1.6 : 1;
    const entryBar = barOpen(t.entryTime, barMs);
    if (entryBar >= r.from && entryBar <= r.to) {
      list.push({
        time: toChartTime(entryBar),
        // The arrow's tip touches the fill: below it pointing up for a long, above it pointing down for a short.
        position: long ? "atPriceBottom" : "atPriceTop",
        price: t.entryPrice,
        shape: long ? "arrowUp" : "arrowDown",
        color: isSelected ? CHART_COLORS.accent : long ? "#2ea043" : "#da3633",
        size,
        id: `entry-${t.seq}`,
      });
    }
    const exitBar = exitBarOpen(t, barMs);
    if (exitBar >= r.from && exitBar <= r.to) {
      list.push({
        time: toChartTime(exitBar),
        position: "atPriceMiddle",
        price: t.exitPrice,
        shape: "circle",
        color: t.netPnl > 0 ? CHART_COLORS.up : CHART_COLORS.down,
        size,
        id: `exit-${t.seq}`,
      });
    }
  }
  return list.sort((a, b) => Number(a.time) - Number(b.time));
}
