"use client";

import { useMemo, useState } from "react";
import { TRADE_REASONS, type TradeJson } from "@/lib/contract/backtests";
import { formatNumber, formatPrice, formatUtcMinute } from "@/lib/format";
import { signClass } from "./sign-class";

const PAGE_SIZE = 50;

type SortKey = "seq" | "entryTime" | "side" | "entryPrice" | "exitPrice" | "reason" | "netPnl" | "r" | "barsHeld" | "regime";
const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: "seq", label: "#", num: true },
  { key: "entryTime", label: "Entry (UTC)" },
  { key: "side", label: "Side" },
  { key: "entryPrice", label: "Entry", num: true },
  { key: "exitPrice", label: "Exit", num: true },
  { key: "reason", label: "Exit reason" },
  { key: "netPnl", label: "Net PnL", num: true },
  { key: "r", label: "R", num: true },
  { key: "barsHeld", label: "Bars", num: true },
  { key: "regime", label: "Regime" },
];

/**
 * Every trade of a run, sorted, filtered by side and exit reason and paged in the browser: the list is fetched once
 * as typed rows, and only one page of rows is ever rendered, so thousands of trades stay responsive.
 */
export function TradesTable({ trades, selectedSeq, onSelect }: { trades: readonly TradeJson[]; selectedSeq: number | null; onSelect: (trade: TradeJson) => void }) {
  const [side, setSide] = useState<"all" | TradeJson["side"]>("all");
  const [reason, setReason] = useState<"all" | TradeJson["reason"]>("all");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "seq", desc: false });
  const [page, setPage] = useState(0);

  const shown = useMemo(() => {
    const filtered = trades.filter((t) => (side === "all" || t.side === side) && (reason === "all" || t.reason === reason));
    const dir = sort.desc ? -1 : 1;
    return filtered.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return dir * c || a.seq - b.seq;
    });
  }, [trades, side, reason, sort]);

  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const rows = shown.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const toggle = (key: SortKey) => {
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: key === "netPnl" || key === "r" }));
    setPage(0);
  };
  const count = (f: (t: TradeJson) => boolean) => trades.filter(f).length;

  return (
    <div data-testid="trades-table-wrap">
      <div className="filter-bar" role="group" aria-label="Filter trades">
        {(["all", "long", "short"] as const).map((s) => (
          <button key={s} type="button" className={`chip ${side === s ? "active" : ""}`} aria-pressed={side === s} data-testid={`side-${s}`} onClick={() => (setSide(s), setPage(0))}>
            {s} <span className="muted">{s === "all" ? trades.length : count((t) => t.side === s)}</span>
          </button>
        ))}
        <span className="chip-divider" />
        {(["all", ...TRADE_REASONS] as const).map((r) => (
          <button key={r} type="button" className={`chip ${reason === r ? "active" : ""}`} aria-pressed={reason === r} data-testid={`reason-${r}`} onClick={() => (setReason(r), setPage(0))}>
            {r.replace(/_/g, " ")} <span className="muted">{r === "all" ? trades.length : count((t) => t.reason === r)}</span>
          </button>
        ))}
        <span className="muted small push-right" data-testid="trades-shown">
          {shown.length} shown
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No trades match.</p>
      ) : (
        <div className="table-scroll">
          <table className="data compact clickable" data-testid="trades-table">
            <thead>
              <tr>
                {COLUMNS.map((c) => (
                  <th key={c.key} className={c.num ? "num" : undefined} aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}>
                    <button type="button" className="sort-button" onClick={() => toggle(c.key)} data-testid={`trades-sort-${c.key}`}>
                      {c.label}
                      {sort.key === c.key ? (sort.desc ? " ▾" : " ▴") : ""}
                    </button>
                  </th>
                ))}
                <th>Exit (UTC)</th>
                <th className="num">Stop</th>
                <th className="num">Target</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr
                  key={t.seq}
                  data-testid="trade-row"
                  data-seq={t.seq}
                  className={t.seq === selectedSeq ? "selected" : undefined}
                  onClick={() => onSelect(t)}
                  tabIndex={0}
                  onKeyDown={(e) => (e.key === "Enter" || e.key === " " ? (e.preventDefault(), onSelect(t)) : undefined)}
                  aria-selected={t.seq === selectedSeq}
                >
                  <td className="num">{t.seq}</td>
                  <td className="nowrap">{formatUtcMinute(t.entryTime)}</td>
                  <td className={t.side === "long" ? "pass" : "fail"}>{t.side}</td>
                  <td className="num">{formatPrice(t.entryPrice)}</td>
                  <td className="num">{formatPrice(t.exitPrice)}</td>
                  <td>{t.reason.replace(/_/g, " ")}</td>
                  <td className={`num ${signClass(t.netPnl)}`}>{formatNumber(t.netPnl, 2)}</td>
                  <td className={`num ${signClass(t.r)}`}>{formatNumber(t.r, 2)}</td>
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
