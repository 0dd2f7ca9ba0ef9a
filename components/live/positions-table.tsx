import type { LiveReconciliationJson } from "@/lib/contract/live";
import { signedQty } from "./live-format";

/** Each instrument's position on the exchange beside the ledger's; a row that differs (or is unknown) is highlighted. */
export function PositionsTable({ positions }: { positions: LiveReconciliationJson["positions"] }) {
  return (
    <>
      {!positions.known ? (
        <p className="job-error" role="alert" data-testid="live-positions-unknown">
          The exchange&apos;s positions are unknown{positions.reason ? `: ${positions.reason}` : ""}. Unknown is not flat.
        </p>
      ) : null}
      {positions.rows.length === 0 ? (
        <p className="muted small" data-testid="live-positions-empty">
          {positions.known ? "Flat on the exchange and in the ledger." : "No ledger position either."}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data compact" data-testid="live-positions">
            <thead>
              <tr>
                <th>Instrument</th>
                <th>Exchange</th>
                <th>Ledger</th>
                <th>Agree</th>
              </tr>
            </thead>
            <tbody>
              {positions.rows.map((r) => (
                <tr key={r.symbol} className={r.differs ? "live-differs" : ""} data-testid="live-position-row" data-symbol={r.symbol} data-differs={String(r.differs)}>
                  <td className="nowrap">{r.symbol}</td>
                  <td className={r.exchangeQty === null ? "warn strong" : ""}>{signedQty(r.exchangeQty)}</td>
                  <td>{signedQty(r.ledgerQty)}</td>
                  <td>{r.differs ? <span className="badge status-failed">{r.exchangeQty === null ? "unknown" : "differs"}</span> : <span className="pass">yes</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
