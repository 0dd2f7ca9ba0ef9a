"use client";

import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { TradeChart } from "@/components/charts/trades-chart";
import { apiJson } from "@/lib/client/api-client";
import { tradesPageSchema, type TradeJson } from "@/lib/contract/backtests";
import { tradeNumber } from "./trade-number";
import { TradesTable } from "./trades-table";
import { readTradesView, shownTrades, writeTradesView, type TradesView } from "./trades-view";

/** Keys that step through the trades; typing in a field keeps its own meaning for them. */
const NEXT_KEYS = new Set(["ArrowDown", "j", "J"]);
const PREV_KEYS = new Set(["ArrowUp", "k", "K"]);

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

/**
 * The run's candle chart and its trades table, sharing the selected trade. The selection (`?trade=N`, N as the table
 * numbers trades) and the table's filter and order live in the URL, replaced rather than pushed so stepping through a
 * hundred trades leaves one history entry; ↓/J and ↑/K step to the next and previous row of the table as shown.
 */
export function BacktestRunExplorer(props: { runId: string; symbol: string; timeframe: string; barMs: number; fromTime: number; toTime: number; rules: string[] }) {
  const params = useSearchParams();
  const [view, setView] = useState<TradesView>(() => readTradesView(new URLSearchParams(params.toString())));
  const [selectedNumber, setSelectedNumber] = useState<number | null>(() => {
    const n = Number(params.get("trade"));
    return Number.isInteger(n) && n > 0 ? n : null;
  });
  /** A link to one trade (`?trade=N`) opens on its chart, below the run's metrics: scrolled to once, on arrival. */
  const scrollToChart = useRef(selectedNumber !== null);
  const chartPanel = useRef<HTMLElement>(null);
  const query = useQuery({
    queryKey: ["run-trades", props.runId],
    queryFn: ({ signal }) => apiJson(`/api/backtests/runs/${props.runId}/trades`, tradesPageSchema, { signal }),
    staleTime: Infinity,
  });
  const trades = useMemo(() => query.data?.trades ?? [], [query.data]);
  const shown = useMemo(() => shownTrades(trades, view), [trades, view]);
  const selected = useMemo(() => trades.find((t) => tradeNumber(t) === selectedNumber) ?? null, [trades, selectedNumber]);

  // history.replaceState, not router.replace: Next keeps useSearchParams in step without re-rendering the server page.
  useEffect(() => {
    const url = new URL(window.location.href);
    writeTradesView(url.searchParams, view);
    if (selectedNumber === null) url.searchParams.delete("trade");
    else url.searchParams.set("trade", String(selectedNumber));
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url);
  }, [view, selectedNumber]);

  useEffect(() => {
    if (!selected || !scrollToChart.current) return;
    scrollToChart.current = false;
    chartPanel.current?.scrollIntoView({ block: "start" });
  }, [selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const step = NEXT_KEYS.has(e.key) ? 1 : PREV_KEYS.has(e.key) ? -1 : 0;
      if (step === 0 || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target) || shown.length === 0) return;
      e.preventDefault();
      const at = selected ? shown.findIndex((t) => t.seq === selected.seq) : -1;
      const next = at < 0 ? shown[step > 0 ? 0 : shown.length - 1] : shown[Math.min(shown.length - 1, Math.max(0, at + step))];
      if (next) setSelectedNumber(tradeNumber(next));
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [shown, selected]);

  if (query.isPending) return <section className="panel muted">Loading trades…</section>;
  if (query.isError) return <section className="panel field-error">Could not load trades: {query.error.message}</section>;
  const select = (t: TradeJson) => setSelectedNumber(tradeNumber(t));
  return (
    <>
      <section className="panel" ref={chartPanel}>
        <h2>
          Candles and trades <span className="muted">{trades.length.toLocaleString("en-US")} trades · entries ▲▼ at their fill, exits ● green win / red loss · hover for details</span>
        </h2>
        <TradeChart
          symbol={props.symbol}
          timeframe={props.timeframe}
          barMs={props.barMs}
          bounds={{ from: props.fromTime, to: props.toTime }}
          trades={trades}
          rules={props.rules}
          selected={selected}
          onSelect={select}
        />
      </section>
      <section className="panel">
        <h2>
          Trades <span className="muted">click a row or press ↓/J ↑/K to show it on the chart</span>
        </h2>
        <TradesTable runId={props.runId} symbol={props.symbol} trades={trades} shown={shown} view={view} onViewChange={setView} selectedSeq={selected?.seq ?? null} onSelect={select} />
      </section>
    </>
  );
}
