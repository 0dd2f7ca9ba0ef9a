"use client";

import { useEffect, useState } from "react";
import { downloadCsv, toCsv } from "@/lib/client/csv";
import { TRADE_REASONS, type TradeJson } from "@/lib/contract/backtests";
import { formatNumber, formatPercent, formatPrice, formatUtcMinute } from "@/lib/format";
import { baseAsset } from "@/lib/market/instruments";
import { signClass } from "./sign-class";
import { tradeCsvColumns } from "./trades-csv";
import { tradeNumber } from "./trade-number";
import type { SortKey, TradesView } from "./trades-view";

const PAGE_SIZE = 50;

const COLUMNS: { key: SortKey; label: string; title?: string; num?: boolean }[] = [
  { key: "seq", label: "#", num: true },
  { key: "entryTime", label: "Entry (UTC)" },
  { key: "side", label: "Side" },
  { key: "entryPrice", label: "Entry (USDT)", num: true },
  { key: "exitPrice", label: "Exit (USDT)", num: true },
  { key: "reason", label: "Exit reason" },
  { key: "netPnl", label: "Net PnL (USDT)", num: true },
  { key: "r", label: "R", title: "net PnL as a multiple of the risk to the stop", num: true },
  { key: "mae", label: "MAE (% · USDT)", title: "maximum adverse excursion while open: % of entry and USDT", num: true },
  { key: "mfe", label: "MFE (% · USDT)", title: "maximum favourable excursion while open: % of entry and USDT", num: true },
  { key: "barsHeld", label: "Bars", num: true },
  { key: "regime", label: "Regime" },
];

function Excursion({ x }: { x: TradeJson["mae"] }) {
  if (!x) return <span className="muted">—</span>;
  return (
    <>
      {formatPercent(x.fraction, 2)} <span className="muted">{formatNumber(x.usdt, 2)}</span>
    </>
  );
}

export interface TradesTableProps {
  runId: string;
  symbol: string;
  trades: readonly TradeJson[];
  /** `trades` filtered and sorted by `view`: the rows, in order. */
  shown: readonly TradeJson[];
  view: TradesView;
  onViewChange: (view: TradesView) => void;
  selectedSeq: number | null;
  onSelect: (trade: TradeJson) => void;
}

/**
 * Every trade of a run, sorted, filtered by side and exit reason and paged in the browser: the list is fetched once
 * as typed rows, and only one page of rows is ever rendered, so thousands of trades stay responsive. The page follows
 * the selected trade, so stepping through trades with the keyboard keeps the selected row on screen.
 */
export function TradesTable({ runId, symbol, trades, shown, view, onViewChange, selectedSeq, onSelect }: TradesTableProps) {
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  useEffect(() => {
    const index = shown.findIndex((t) => t.seq === selectedSeq);
    if (index >= 0) setPage(Math.floor(index / PAGE_SIZE));
  }, [selectedSeq, shown]);

  const change = (next: Partial<TradesView>) => {
    onViewChange({ ...view, ...next });
    setPage(0);
  };
  const toggle = (key: SortKey) => change(view.sort === key ? { desc: !view.desc } : { sort: key, desc: key === "netPnl" || key === "r" || key === "mae" || key === "mfe" });
  const count = (f: (t: TradeJson) => boolean) => trades.filter(f).length;
  const exportCsv = () => downloadCsv(`trades-${runId}.csv`, toCsv(tradeCsvColumns(baseAsset(symbol)), shown));

  return (
    <div data-testid="trades-table-wrap">
      <div className="filter-bar" role="group" aria-label="Filter trades">
        {(["all", "long", "short"] as const).map((s) => (
          <button key={s} type="button" className={`chip ${view.side === s ? "active" : ""}`} aria-pressed={view.side === s} data-testid={`side-${s}`} onClick={() => change({ side: s })}>
            {s} <span className="muted">{s === "all" ? trades.length : count((t) => t.side === s)}</span>
          </button>
        ))}
        <span className="chip-divider" />
        {(["all", ...TRADE_REASONS] as const).map((r) => (
          <button key={r} type="button" className={`chip ${view.reason === r ? "active" : ""}`} aria-pressed={view.reason === r} data-testid={`reason-${r}`} onClick={() => change({ reason: r })}>
            {r.replace(/_/g, " ")} <span className="muted">{r === "all" ? trades.length : count((t) => t.reason === r)}</span>
          </button>
        ))}
        <span className="muted small push-right" data-testid="trades-shown">
          {shown.length} shown
        </span>
        <button type="button" className="button secondary small" data-testid="trades-export" disabled={shown.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No trades match.</p>
      ) : (
        <div className="table-scroll">
          <table className="data compact clickable" data-testid="trades-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} className={c.num ? "num" : undefined} title={c.title} aria-sort={view.sort === c.key ? (view.desc ? "descending" : "ascending") : undefined}>
                    <button type="button" className="sort-button" onClick={() => toggle(c.key)} data-testid={`trades-sort-${c.key}`}>
                      {c.label}
                      {view.sort === c.key ? (view.desc ? " ▾" : " ▴") : ""}
                    </button>
                  </th>
                ))}
                <th>Exit (UTC)</th>
                <th className="num">Stop (USDT)</th>
                <th className="num">Target (USDT)</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr
                  key={t.seq}
                  data-testid="trade-row"
                  data-seq={t.seq}
                  data-number={tradeNumber(t)}
                  className={t.seq === selectedSeq ? "selected" : undefined}
                  onClick={() => onSelect(t)}
                  tabIndex={0}
                  onKeyDown={(e) => (e.key === "Enter" || e.key === " " ? (e.preventDefault(), onSelect(t)) : undefined)}
                  aria-selected={t.seq === selectedSeq}
                >
                  <td className="num">{tradeNumber(t)}</td>
                  <td className="nowrap">{formatUtcMinute(t.entryTime)}</td>
                  <td className={t.side === "long" ? "pass" : "fail"}>{t.side}</td>
                  <td className="num">{formatPrice(t.entryPrice)}</td>
                  <td className="num">{formatPrice(t.exitPrice)}</td>
                  <td>{t.reason.replace(/_/g, " ")}</td>
                  <td className={`num ${signClass(t.netPnl)}`}>{formatNumber(t.netPnl, 2)}</td>
                  <td className={`num ${signClass(t.r)}`}>{formatNumber(t.r, 2)}</td>
                  <td className="num nowrap" data-testid="trade-mae">
                    <Excursion x={t.mae} />
                  </td>
                  <td className="num nowrap" data-testid="trade-mfe">
                    <Excursion x={t.mfe} />
                  </td>
                  <td className="num">{t.barsHeld}</td>
                  <td>{t.regime}</td>
                  <td className="nowrap muted">{formatUtcMinute(t.exitTime)}</td>
                  <td className="num muted">{formatPrice(t.stop)}</td>
                  <td className="num muted">{formatPrice(t.target)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <div className="pager" data-testid="trades-pager">
          <button type="button" className="button secondary small" disabled={current === 0} onClick={() => setPage(0)}>
            First
          </button>
          <button type="button" className="button secondary small" disabled={current === 0} onClick={() => setPage(current - 1)} data-testid="trades-prev">
            Previous
          </button>
          <span className="small muted" data-testid="trades-page">
            page {current + 1} of {pages}
          </span>
          <button type="button" className="button secondary small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="trades-next">
            Next
          </button>
          <button type="button" className="button secondary small" disabled={current >= pages - 1} onClick={() => setPage(pages - 1)}>
            Last
          </button>
        </div>
      ) : null}
    </div>
  );
}
