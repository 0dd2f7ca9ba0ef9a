import type { LiveReconciliationJson } from "@/lib/contract/live";
import { whenSeconds } from "./live-format";
import { OpenOrdersTable } from "./open-orders-table";
import { PositionsTable } from "./positions-table";

/** The trader's last look at the exchange: positions beside the ledger, resting orders, and what it found wrong. */
export function ReconciliationPanel({ reconciliation }: { reconciliation: LiveReconciliationJson | null }) {
  if (reconciliation === null) {
    return (
      <section className="panel" data-testid="live-reconciliation" data-state="none">
        <h3>Exchange vs ledger</h3>
        <p className="muted small">Not reconciled yet: the trader compares the exchange with the ledger when it starts, then on a timer.</p>
      </section>
    );
  }
  const r = reconciliation;
  // A difference is usually its own reason too: each sentence is shown once.
  const shown = new Set(r.differences.map((d) => d.message));
  const reasons = r.reasons.filter((reason) => !shown.has(reason));
  return (
    <section className="panel" data-testid="live-reconciliation" data-state={r.clean ? "clean" : "differs"}>
      <div className="paper-head">
        <h3>Exchange vs ledger</h3>
        <span className={`badge ${r.clean ? "status-succeeded" : "status-failed"}`}>{r.clean ? "clean" : "differences"}</span>
        <span className="muted small">at {whenSeconds(r.at)}</span>
      </div>
      {!r.clean ? (
        <ul className="live-findings" data-testid="live-findings">
          {r.differences.map((d, i) => (
            <li key={`d${i}`} className="fail">
              {d.message}
            </li>
          ))}
          {r.unprotected.map((u) => (
            <li key={`u${u.symbol}`} className="fail" data-testid="live-unprotected">
              {u.symbol} unprotected: {u.why}
            </li>
          ))}
          {reasons.map((reason, i) => (
            <li key={`r${i}`} className="muted">
              {reason}
            </li>
          ))}
        </ul>
      ) : null}
      {r.entriesBlocked || r.blockedSymbols.length > 0 ? (
        <p className="warn small" data-testid="live-blocked">
          Entries blocked{r.blockedSymbols.length > 0 ? ` on ${r.blockedSymbols.join(", ")}` : ""}; the reconciliation suggests {r.suggestedMode}.
        </p>
      ) : null}
      <h4>Positions</h4>
      <PositionsTable positions={r.positions} />
      <h4>Open orders on the exchange</h4>
      <OpenOrdersTable openOrders={r.openOrders} />
    </section>
  );
}
