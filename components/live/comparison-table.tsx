import type { LiveComparisonRow } from "@/lib/contract/live";
import { price, qty, usdt, when } from "./live-format";

/** Live's entry against paper's, in basis points, signed so that positive is worse for the position (slippage paid). */
function entrySlippageBps(row: LiveComparisonRow): number | null {
  const live = row.live?.entryPrice ?? null;
  const paper = row.paper?.entryPrice ?? null;
  if (live === null || paper === null || paper === 0) return null;
  const worse = row.direction === "long" ? live - paper : paper - live;
  return (worse / paper) * 10_000;
}

/** Each decision as paper traded it beside what the exchange filled; a decision only one side acted on is highlighted. */
export function ComparisonTable({ rows }: { rows: readonly LiveComparisonRow[] }) {
  if (rows.length === 0) return <p className="muted small" data-testid="live-comparison-empty">No entry decided yet.</p>;
  return (
    <div className="table-scroll live-scroll">
      <table className="data compact" data-testid="live-comparison">
        <thead>
          <tr>
            <th>Decided</th>
            <th>Leg</th>
            <th>Entry paper / live</th>
            <th>Live vs paper</th>
            <th>Qty paper / live</th>
            <th>Exit paper / live</th>
            <th>Paper PnL</th>
            <th>Live</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const bps = entrySlippageBps(r);
            const oneSided = r.paper === null || r.live === null;
            return (
              <tr key={`${r.legId}|${r.decidedAt}`} className={oneSided ? "live-differs" : ""} data-testid="live-comparison-row" data-sides={r.paper && r.live ? "both" : r.paper ? "paper" : "live"}>
                <td className="nowrap">{when(r.decidedAt)}</td>
                <td>
                  <span className="mono small">{r.legId}</span> <span className="muted small">{r.direction}</span>
                </td>
                <td className="nowrap">
                  {r.paper ? price(r.paper.entryPrice) : "not traded"} / {r.live ? price(r.live.entryPrice) : "not traded"}
                </td>
                <td className={bps !== null && bps > 0 ? "fail" : ""}>{bps === null ? "—" : `${bps >= 0 ? "+" : ""}${bps.toFixed(1)} bps`}</td>
                <td className="nowrap">
                  {r.paper ? qty(r.paper.qty) : "—"} / {r.live ? qty(r.live.qty) : "—"}
                </td>
                <td className="nowrap">
                  {r.paper ? `${price(r.paper.exitPrice)}${r.paper.exitReason ? ` (${r.paper.exitReason})` : ""}` : "—"} / {r.live ? price(r.live.exitPrice) : "—"}
                </td>
                <td>{r.paper?.pnl === null || r.paper?.pnl === undefined ? "—" : usdt(r.paper.pnl)}</td>
                <td className="nowrap">{r.live ? `${r.live.status}${r.live.openQty > 0 ? ` · ${qty(r.live.openQty)} open` : ""}` : "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
