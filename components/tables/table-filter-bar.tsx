"use client";

import { useEffect, useState } from "react";
import { useTableQuery } from "@/lib/client/use-table-query";
import type { TableQuery } from "@/lib/contract/table-query";

const SEARCH_DELAY_MS = 250;
const VERDICTS: { value: TableQuery["verdict"]; label: string }[] = [
  { value: "", label: "any verdict" },
  { value: "pass", label: "pass" },
  { value: "fail", label: "fail" },
  { value: "insufficient_data", label: "insufficient data" },
];

/**
 * Search by name and filter by timeframe, instrument and edge verdict; the choices live in the URL (see
 * useTableQuery) so every table of the page reads the same ones. `timeframes` come in bar-length order.
 */
export function TableFilterBar({ timeframes, symbols, serverSide = false, label }: { timeframes: readonly string[]; symbols: readonly string[]; serverSide?: boolean; label: string }) {
  const { query, update } = useTableQuery({ serverSide });
  const [text, setText] = useState(query.q);
  // Typing updates the URL once the user pauses, not on every key.
  useEffect(() => {
    if (text.trim() === query.q) return;
    const timer = setTimeout(() => update({ q: text.trim() }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, query.q, update]);
  return (
    <div className="filter-bar table-filters" role="search" aria-label={label} data-testid="table-filters">
      <input type="search" className="table-search" placeholder="search by name" aria-label="Search by name" value={text} onChange={(e) => setText(e.target.value)} data-testid="table-search" />
      <div className="filter-bar" role="group" aria-label="Timeframe">
        {["", ...timeframes].map((tf) => (
          <button key={tf || "all"} type="button" className={`chip ${query.tf === tf ? "active" : ""}`} aria-pressed={query.tf === tf} onClick={() => update({ tf })} data-testid={`table-filter-tf-${tf || "all"}`}>
            {tf || "all TFs"}
          </button>
        ))}
      </div>
      <select aria-label="Instrument" value={query.symbol} onChange={(e) => update({ symbol: e.target.value })} data-testid="table-filter-symbol">
        <option value="">all instruments</option>
        {symbols.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select aria-label="Edge verdict" value={query.verdict} onChange={(e) => update({ verdict: e.target.value as TableQuery["verdict"] })} data-testid="table-filter-verdict">
        {VERDICTS.map((v) => (
          <option key={v.value || "any"} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
    </div>
  );
}
