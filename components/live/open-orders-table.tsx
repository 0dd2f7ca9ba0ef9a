import type { LiveReconciliationJson } from "@/lib/contract/live";
import { price, qty } from "./live-format";

/** The orders resting on the exchange at the last reconciliation, each with the part it plays (external: not ours). */
export function OpenOrdersTable({ openOrders }: { openOrders: LiveReconciliationJson["openOrders"] }) {
  if (!openOrders.known) {
    return (
      <p className="job-error" role="alert" data-testid="live-open-orders-unknown">
        The exchange&apos;s open orders are unknown{openOrders.reason ? `: ${openOrders.reason}` : ""}.
      </p>
    );
  }
  if (openOrders.rows.length === 0) return <p className="muted small" data-testid="live-open-orders-empty">No order resting on the exchange.</p>;
  return (
    <div className="table-scroll">
      <table className="data compact" data-testid="live-open-orders">
        <thead>
          <tr>
            <th>Role</th>
            <th>Instrument</th>
            <th>Side</th>
            <th>Qty</th>
            <th>Type</th>
            <th>Trigger</th>
            <th>Exchange id</th>
          </tr>
        </thead>
        <tbody>
          {openOrders.rows.map((o) => (
            <tr key={o.exchangeOrderId} data-testid="live-open-order-row" data-role={o.role}>
              <td>
                <span className={`badge ${o.role === "external" ? "status-cancelled" : ""}`}>{o.role}</span>
              </td>
              <td className="nowrap">{o.symbol}</td>
              <td>{o.side}</td>
              <td>{qty(o.qty)}</td>
              <td className="nowrap">
                {o.kind}
                {o.reduceOnly ? <span className="muted small"> reduce-only</span> : null}
              </td>
              <td>{price(o.triggerPrice)}</td>
              <td className="mono small">{o.exchangeOrderId}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
