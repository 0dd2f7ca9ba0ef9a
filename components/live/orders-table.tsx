import type { LiveMonitorJson } from "@/lib/contract/live";
import { price, qty, usd, when } from "./live-format";

const STATUS_CLASS: Record<string, string> = { filled: "status-succeeded", open: "status-running", "partially-filled": "status-running", rejected: "status-failed", unknown: "status-failed", cancelled: "status-cancelled" };

/** Every order the ledger tracks, newest first, with what filled, at what price and the fees at the account's rates. */
export function OrdersTable({ orders }: { orders: LiveMonitorJson["orders"] }) {
  if (orders.length === 0) return <p className="muted small" data-testid="live-orders-empty">No order yet.</p>;
  return (
    <div className="table-scroll live-scroll">
      <table className="data compact" data-testid="live-orders">
        <thead>
          <tr>
            <th>Updated</th>
            <th>Purpose</th>
            <th>Instrument</th>
            <th>Side</th>
            <th>Filled / qty</th>
            <th>Avg price</th>
            <th>Fees</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((o) => (
            <tr key={o.clientOrderId} data-testid="live-order-row" data-status={o.status} title={`client order id ${o.clientOrderId}${o.exchangeOrderId ? ` · exchange ${o.exchangeOrderId}` : ""}`}>
              <td className="nowrap">{when(o.updatedAt)}</td>
              <td>
                {o.purpose}
                {o.reduceOnly ? <span className="muted small"> reduce-only</span> : null}
              </td>
              <td className="nowrap">{o.symbol}</td>
              <td>{o.side}</td>
              <td className="nowrap">
                {qty(o.filledQty)} / {qty(o.qty)}
              </td>
              <td>{price(o.averagePrice)}</td>
              <td>{usd(o.fees)}</td>
              <td>
                <span className={`badge ${STATUS_CLASS[o.status] ?? ""}`}>{o.status}</span>
                {o.note ? <div className="muted small">{o.note}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
