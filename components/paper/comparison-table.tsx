"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/client/api-client";
import { paperComparisonSchema, type ComparisonSide, type PaperComparisonRow } from "@/lib/contract/paper";
import { formatUtc } from "@/lib/format";
import { HypothesisName } from "./hypothesis-name";

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "—" : v.toFixed(digits));
const hold = (m: number | null | undefined) => (m === null || m === undefined ? "—" : m < 120 ? `${m.toFixed(0)} min` : `${(m / 60).toFixed(1)} h`);

/** Paper / backtest over the same period / whole backtest run, for one figure. */
function Three({ row, pick }: { row: PaperComparisonRow; pick: (s: ComparisonSide) => string }) {
  return (
    <>
      {pick(row.paper)} <span className="muted">/</span> {row.backtest ? pick(row.backtest.samePeriod) : "—"} <span className="muted">/</span> {row.backtest ? pick(row.backtest) : "—"}
    </>
  );
}

function DriftCell({ drift }: { drift: PaperComparisonRow["drift"] }) {
  switch (drift.state) {
    case "no_comparison":
      return <span className="muted small">nothing to compare</span>;
    case "too_few_trades":
      return (
        <span className="muted small" data-testid="paper-drift-too-few">
          not enough trades to judge ({drift.trades} of {drift.minTrades})
        </span>
      );
    case "in_line":
      return <span className="pass small">in line with the backtest</span>;
    case "drift":
      return (
        <span className={drift.direction === "better" ? "warn strong" : "fail strong"}>
          <span className="badge status-failed">drift</span> paper {drift.direction} than the backtest
        </span>
      );
  }
}

/**
 * Paper vs the latest backtest of each hypothesis × instrument, over the same period and over the whole run. Drift =
 * paper win rate outside the whole run's Wilson 95% interval, judged only from the edge analysis's minimum trade count.
 */
export function PaperComparisonTable({ accountId, live }: { accountId: string; live: boolean }) {
  const query = useQuery({
    queryKey: ["paper-comparison", accountId],
    queryFn: ({ signal }) => apiJson(`/api/paper/${accountId}/comparison`, paperComparisonSchema, { signal }),
    refetchInterval: live ? 3_000 : false,
    staleTime: 1_000,
  });
  const rows = query.data?.rows ?? [];
  const period = query.data?.period ?? null;
  return (
    <>
      <p className="muted small" data-testid="paper-comparison-period">
        {period ? `Paper period ${formatUtc(period.from)} → ${formatUtc(period.to)} (UTC). ` : "Paper has not traded a bar yet. "}
        Each cell: paper / backtest over the same period / whole backtest run.
      </p>
      <div className="table-scroll">
        <table className="data compact" data-testid="paper-comparison">
          <thead>
            <tr>
              <th>Hypothesis</th>
              <th>Instrument</th>
              <th>Trades</th>
              <th>Win rate</th>
              <th>Backtest 95% CI (whole run)</th>
              <th>Drift</th>
              <th>Profit factor</th>
              <th>Trades/day</th>
              <th>Avg hold</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.hypothesisId}|${r.symbol}`} data-testid="paper-comparison-row" data-drift={r.drift.state} data-direction={r.drift.direction ?? ""} className={r.drift.state === "drift" ? "paper-drift" : ""}>
                <td>
                  <span className="mono small">{r.timeframe}</span> <HypothesisName name={r.hypothesisName} />
                </td>
                <td className="nowrap">{r.symbol}</td>
                <td className="nowrap">
                  <Three row={r} pick={(s) => String(s.trades)} />
                  {r.backtest && !r.backtest.coversPaperPeriod ? (
                    <span className="muted small" title={`backtest run ${formatUtc(r.backtest.from)} → ${formatUtc(r.backtest.to)}`}>
                      {" "}
                      (run covers part of the period)
                    </span>
                  ) : null}
                </td>
                <td className="nowrap">
                  <Three row={r} pick={(s) => pct(s.winRate)} />
                </td>
                <td className="nowrap">
                  {r.backtest ? (r.backtest.winRateInterval ? `${pct(r.backtest.winRateInterval.lower)} to ${pct(r.backtest.winRateInterval.upper)}` : "—") : <span className="muted small">no backtest run</span>}
                </td>
                <td>
                  <DriftCell drift={r.drift} />
                </td>
                <td className="nowrap">
                  <Three row={r} pick={(s) => num(s.profitFactor)} />
                </td>
                <td className="nowrap">
                  <Three row={r} pick={(s) => num(s.tradesPerDay, 1)} />
                </td>
                <td className="nowrap">
                  <Three row={r} pick={(s) => hold(s.averageHoldMinutes)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
