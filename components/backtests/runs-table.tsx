"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { CsvDownloadButton } from "@/components/tables/csv-download-button";
import { TablePager } from "@/components/tables/table-pager";
import { BreakableName } from "@/components/layout/breakable-name";
import { VerdictBadge } from "@/components/edge/verdict-badge";
import { useTableQuery } from "@/lib/client/use-table-query";
import { comparePath, MAX_COMPARED_RUNS, type BatchJson, type RunSummaryJson } from "@/lib/contract/backtests";
import { matchesTableQuery, pageOf } from "@/lib/contract/table-query";
import { formatNumber, formatPercent, formatProfitFactor } from "@/lib/format";
import { compareTimeframes } from "@/lib/market/timeframe";
import { runsCsv } from "./runs-csv";
import { BelowMinRiskRewardBadge } from "./risk-reward-badge";
import { signClass } from "./sign-class";

type SortKey = "hypothesisName" | "symbol" | "timeframe" | "trades" | "winRate" | "profitFactor" | "netReturn" | "sharpe" | "maxDrawdown";
const COLUMNS: { key: SortKey; label: string; num?: boolean; title?: string }[] = [
  { key: "hypothesisName", label: "Hypothesis" },
  { key: "timeframe", label: "TF" },
  { key: "symbol", label: "Instrument" },
  { key: "trades", label: "Trades", num: true },
  { key: "winRate", label: "Win rate %", num: true },
  { key: "profitFactor", label: "PF", num: true, title: "profit factor: gross profit / gross loss (USDT / USDT)" },
  { key: "netReturn", label: "Net return %", num: true, title: "net of fees, funding and slippage, on the starting capital" },
  { key: "sharpe", label: "Sharpe (ann.)", num: true, title: "annualised: mean / standard deviation of daily returns × √365" },
  { key: "maxDrawdown", label: "Max DD %", num: true, title: "largest fall of equity from a peak" },
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

const verdictCell = (verdict: string | undefined) => (verdict ? <VerdictBadge value={verdict} /> : <span className="muted">—</span>);

/** Timeframes by bar length (2m before 15m), everything else by number or text. */
function compareValues(key: SortKey, x: number | string, y: number | string): number {
  if (key === "timeframe") return compareTimeframes(String(x), String(y));
  return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
}

/**
 * A batch's runs with their headline metrics, filtered by the page's filter bar (search, timeframe, instrument,
 * verdict in the URL), sortable by any column and paged; pick 2 to MAX_COMPARED_RUNS to compare them side by side. Only the page's
 * rows are rendered; the export takes every row the filters let through.
 */
export function BacktestRunsTable({ batchId, runs, verdicts }: { batchId: string; runs: readonly RunSummaryJson[]; verdicts: BatchJson["verdicts"] }) {
  const pageKey = `page_${batchId.slice(0, 8)}`;
  const { query } = useTableQuery({ pageKey });
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "timeframe", desc: false });
  const [picked, setPicked] = useState<string[]>([]);
  const filtered = useMemo(() => runs.filter((r) => matchesTableQuery({ name: r.hypothesisName, timeframe: r.timeframe, symbol: r.symbol, verdict: verdicts[r.id] }, query)), [runs, verdicts, query]);
  const sorted = useMemo(() => {
    const dir = sort.desc ? -1 : 1;
    return [...filtered].sort((a, b) => dir * compareValues(sort.key, sortValue(a, sort.key), sortValue(b, sort.key)) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol));
  }, [filtered, sort]);
  const shown = pageOf(sorted, query.page);
  const csv = useMemo(() => runsCsv(sorted, verdicts), [sorted, verdicts]);
  const toggle = (key: SortKey) => setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: COLUMNS.find((c) => c.key === key)?.num === true }));
  // At the cap the other boxes are disabled rather than a new tick silently dropping the oldest.
  const full = picked.length >= MAX_COMPARED_RUNS;
  const pick = (id: string, on: boolean) => setPicked((p) => (on ? (p.includes(id) || p.length >= MAX_COMPARED_RUNS ? p : [...p, id]) : p.filter((x) => x !== id)));
  return (
    <>
      <div className="filter-bar">
        <span className="small" data-testid="runs-matching" data-matching={filtered.length}>
          {filtered.length === runs.length ? `${runs.length} runs` : `${filtered.length} of ${runs.length} runs match`}
        </span>
        <CsvDownloadButton filename={`runs-${batchId.slice(0, 8)}.csv`} csv={csv} rows={sorted.length} testId="runs-export" />
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
                <th key={c.key} className={c.num ? "num" : undefined} title={c.title} aria-sort={sort.key === c.key ? (sort.desc ? "descending" : "ascending") : undefined}>
                  <button type="button" className="sort-button" onClick={() => toggle(c.key)} data-testid={`runs-sort-${c.key}`}>
                    {c.label}
                    {sort.key === c.key ? (sort.desc ? " ▾" : " ▴") : ""}
                  </button>
                </th>
              ))}
              <th title="the trial's overall verdict in the latest edge analysis (only its batch is judged)">Edge verdict</th>
            </tr>
          </thead>
          <tbody>
            {shown.rows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length + 2} className="muted small" data-testid="runs-none">
                  No run matches the filters.
                </td>
              </tr>
            ) : null}
            {shown.rows.map((r) => (
              <tr key={r.id} data-testid="run-row" data-run-id={r.id} data-trades={r.trades} className={picked.includes(r.id) ? "selected" : undefined}>
                <td>
                  <input type="checkbox" aria-label={`compare ${r.hypothesisName} on ${r.symbol}`} checked={picked.includes(r.id)} disabled={full && !picked.includes(r.id)} onChange={(e) => pick(r.id, e.target.checked)} />
                </td>
                <td className="name-cell">
                  <Link href={`/backtests/${r.id}`} data-testid="run-link">
                    <BreakableName name={r.hypothesisName} />
                  </Link>
                  {r.kind === "portfolio" ? <span className="badge">portfolio</span> : null}
                  <BelowMinRiskRewardBadge report={r.riskReward} timeframe={r.timeframe} trades={r.trades} />
                </td>
                <td data-testid="run-timeframe">{r.timeframe}</td>
                <td>{r.symbol}</td>
                <td className="num">{r.trades.toLocaleString("en-US")}</td>
                <td className="num">{r.trades === 0 ? "n/a — no trades" : formatPercent(r.winRate)}</td>
                <td className="num">{formatProfitFactor(r.profitFactor, r.profitFactorUnbounded)}</td>
                <td className={`num ${signClass(r.netReturn)}`}>{formatPercent(r.netReturn, 2)}</td>
                <td className="num">{formatNumber(r.sharpe)}</td>
                <td className="num">{formatPercent(r.maxDrawdown)}</td>
                <td>{verdictCell(verdicts[r.id])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TablePager page={shown.page} pages={shown.pages} pageKey={pageKey} />
    </>
  );
}
