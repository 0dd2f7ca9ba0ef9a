"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { TradeChart } from "@/components/charts/trades-chart";
import { apiJson } from "@/lib/client/api-client";
import { tradesPageSchema, type TradeJson } from "@/lib/contract/backtests";
import { TradesTable } from "./trades-table";

/** The run's candle chart and its trades table, sharing the selected trade. */
export function BacktestRunExplorer(props: { runId: string; symbol: string; timeframe: string; barMs: number; fromTime: number; toTime: number; overlays: string[] }) {
  const [selected, setSelected] = useState<TradeJson | null>(null);
  const query = useQuery({
    queryKey: ["run-trades", props.runId],
    queryFn: ({ signal }) => apiJson(`/api/backtests/runs/${props.runId}/trades`, tradesPageSchema, { signal }),
    staleTime: Infinity,
  });
  if (query.isPending) return <section className="panel muted">Loading trades…</section>;
  if (query.isError) return <section className="panel field-error">Could not load trades: {query.error.message}</section>;
  const trades = query.data.trades;
  return (
    <>
      <section className="panel">
        <h2>
          Candles and trades <span className="muted">{trades.length.toLocaleString("en-US")} trades · entries ▲▼, exits ● green win / red loss</span>
        </h2>
        <TradeChart
          symbol={props.symbol}
          timeframe={props.timeframe}
          barMs={props.barMs}
          bounds={{ from: props.fromTime, to: props.toTime }}
          trades={trades}
          overlays={props.overlays}
          selected={selected}
        />
      </section>
      <section className="panel">
        <h2>
          Trades <span className="muted">click a row to show it on the chart</span>
        </h2>
        <TradesTable trades={trades} selectedSeq={selected?.seq ?? null} onSelect={setSelected} />
      </section>
    </>
  );
}
