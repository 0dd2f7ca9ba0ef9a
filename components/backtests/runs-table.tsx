"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { comparePath, MAX_COMPARED_RUNS, type RunSummaryJson } from "@/lib/contract/backtests";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { BelowMinRiskRewardBadge } from "./risk-reward-badge";
import { signClass } from "./sign-class";

type SortKey = "hypothesisName" | "symbol" | "timeframe" | "trades" | "winRate" | "profitFactor" | "netReturn" | "sharpe" | "maxDrawdown";
const COLUMNS: { key: SortKey; label: string; num?: boolean }[] = [
  { key: "hypothesisName", label: "Hypothesis" },
  { key: "timeframe", label: "TF" },
  { key: "symbol", label: "Instrument" },
  { key: "trades", label: "Trades", num: true },
  { key: "winRate", label: "Win rate", num: true },
  { key: "profitFactor", label: "PF", num: true },
  { key: "netReturn", label: "Net return", num: true },
  { key: "sharpe", label: "Sharpe", num: true },
  { key: "maxDrawdown", label: "Max DD", num: true },
];

/** Sort key for a profit factor: unbounded above every finite value, undefined below all. */
function profitFactorSortKey(value: number | null, unbounded: boolean): number {
  return unbounded ? Number.MAX_VALUE : (value ?? -Number.MAX_VALUE);
}

function sortValue(r: RunSummaryJson, key: SortKey): number | string {
  switch (key) {
    case "profitFactor":
      return profitFactorSortKey(r.profitFactor, r.profitFactorUnbounded);
    case "winRate":
    case "sharpe":
      return r[key] ?? -Number.MAX_VALUE;
    default:
      return r[key];
  }
}

/** A batch's runs with their headline metrics, sortable by any column; pick 2 to MAX_COMPARED_RUNS to compare them. */
export function BacktestRunsTable({ runs }: { runs: readonly RunSummaryJson[] }) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "timeframe", desc: false });
  const [picked, setPicked] = useState<string[]>([]);
  const sorted = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...runs].sort((a, b) => {
      const x = sortValue(a, sort.key);
      const y = sortValue(b, sort.key);
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return dir * c || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);
    });
  }, [runs, sort]);
  const toggle = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: COLUMNS.find((c) => c.key === key)?.num === true }));
  // At the cap the other boxes are disabled rather than a new tick silently dropping the oldest.
  const full = picked.length >= MAX_COMPARED_RUNS;
  const pick = (id: string, on: boolean) => setPicked((p) => (on ? (p.includes(id) || p.length >= MAX_COMPARED_RUNS ? p : [...p, id]) : p.filter((x) => x !== id)));
  return (
    <>
      <div className="filter-bar">
        <span className="muted small">Tick 2 to {MAX_COMPARED_RUNS} runs to compare them.</span>
        {picked.length >= 2 ? (
          <Link className="button small" href={comparePath(picked)} data-testid="compare-link">
            Compare the {picked.length} selected
          </Link>
        ) : null}
      </div>
      <div className="table-scroll">
        <table className="data compact" data-testid="runs-table">
          <thead>
            <tr>
              <th aria-label="Compare" />
              {COLUMNS.map((c) => (
                <th key={c.key} className={c.num ? "num" : undefined} aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}>
                  <button type="button" className="sort-button" onClick={() => toggle(c.key)} data-testid={`runs-sort-${c.key}`}>
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? " ▾" : " ▴") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-trades={r.trades} className={picked.includes(r.id) ? "selected" : undefined}>
                <td>
                  <input type="checkbox" aria-label={`compare ${r.hypothesisName} on ${r.symbol}`} checked={picked.includes(r.id)} disabled={full && !picked.includes(r.id)} onChange={(e) => pick(r.id, e.target.checked)} />
                </td>
                <td>
                  <Link href={`/backtests/${r.id}`} data-testid="run-link">
                    {r.hypothesisName}
                  </Link>
                  {r.kind === "portfolio" ? <span className="badge">portfolio</span> : null}
                  <BelowMinRiskRewardBadge report={r.riskReward} timeframe={r.timeframe} trades={r.trades} />
                </td>
                <td>{r.timeframe}</td>
                <td>{r.symbol}</td>
                <td className="num">{r.trades.toLocaleString("en-US")}</td>
                <td className="num">{formatPercent(r.winRate)}</td>
                <td className="num">{formatProfitFactor(r.profitFactor, r.profitFactorUnbounded)}</td>
                <td className={`num ${signClass(r.netReturn)}`}>{formatPercent(r.netReturn, 2)}</td>
                <td className="num">{formatNumber(r.sharpe)}</td>
                <td className="num">{formatPercent(r.maxDrawdown)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
