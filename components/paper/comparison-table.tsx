"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/client/api-client";
import { paperComparisonSchema } from "@/lib/contract/paper";

const pct = (v: number | null | undefined) => (v === null || v === undefined ? "—" : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? "—" : v.toFixed(digits));
const hold = (m: number | null | undefined) => (m === null || m === undefined ? "—" : m < 120 ? `${m.toFixed(0)} min` : `${(m / 60).toFixed(1)} h`);

/** Paper vs the latest backtest of each hypothesis × instrument; drift = paper win rate outside the backtest's Wilson 95% interval. */
export function PaperComparisonTable({ accountId, live }: { accountId: string; live: boolean }) {
  const query = useQuery({
    queryKey: ["paper-comparison", accountId],
    queryFn: ({ signal }) => apiJson(`/api/paper/${accountId}/comparison`, paperComparisonSchema, { signal }),
    refetchInterval: live ? 3_000 : false,
    staleTime: 1_000,
  });
  const rows = query.data?.rows ?? [];
  return (
    <div className="table-scroll">
      <table className="data compact" data-testid="paper-comparison">
        <thead>
          <tr>
            <th>Hypothesis</th>
            <th>Instrument</th>
            <th>Trades paper / bt</th>
            <th>Win rate paper</th>
            <th>Win rate backtest (95% CI)</th>
            <th>Profit factor paper / bt</th>
            <th>Trades/day paper / bt</th>
            <th>Avg hold paper / bt</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.hypothesisId}|${r.symbol}`} data-testid="paper-comparison-row" data-drift={r.drift === true ? "true" : "false"} className={r.drift ? "paper-drift" : ""}>
              <td>
                <span className="mono small">{r.timeframe}</span> {r.hypothesisName}
              </td>
              <td className="nowrap">{r.symbol}</td>
              <td>
                {r.paper.trades} / {r.backtest?.trades ?? "—"}
              </td>
              <td className={r.drift ? "fail strong" : ""}>
                {pct(r.paper.winRate)}
                {r.drift ? <span className="badge status-failed">drift</span> : null}
              </td>
              <td>
                {r.backtest ? (
                  <>
                    {pct(r.backtest.winRate)}{" "}
                    <span className="muted small">{r.backtest.winRateInterval ? `(${pct(r.backtest.winRateInterval.lower)}–${pct(r.backtest.winRateInterval.upper)})` : ""}</span>
                  </>
                ) : (
                  <span className="muted small">no backtest run</span>
                )}
              </td>
              <td>
                {num(r.paper.profitFactor)} / {num(r.backtest?.profitFactor)}
              </td>
              <td>
                {num(r.paper.tradesPerDay, 1)} / {num(r.backtest?.tradesPerDay, 1)}
              </td>
              <td>
                {hold(r.paper.averageHoldMinutes)} / {hold(r.backtest?.averageHoldMinutes)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
