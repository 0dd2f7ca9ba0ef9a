import type { LiveMonitorJson } from "@/lib/contract/live";
import { price, qty, when } from "./live-format";

/** The exchange's fills of the ledger's orders, newest first. */
export function FillsTable({ fills }: { fills: LiveMonitorJson["fills"] }) {
  if (fills.length === 0) return <p className="muted small" data-testid="live-fills-empty">No fill yet.</p>;
  return (
    <div className="table-scroll live-scroll">
      <table className="data compact" data-testid="live-fills">
        <thead>
          <tr>
            <th>Time</th>
            <th>Purpose</th>
            <th>Instrument</th>
            <th>Side</th>
            <th>Qty</th>
            <th>Price</th>
            <th>Type</th>
          </tr>
        </thead>
        <tbody>
          {fills.map((f) => (
            <tr key={f.fillId} data-testid="live-fill-row">
              <td className="nowrap">{when(f.time)}</td>
              <td>{f.purpose}</td>
              <td className="nowrap">{f.symbol}</td>
              <td>{f.side}</td>
              <td>{qty(f.qty)}</td>
              <td>{price(f.price)}</td>
              <td>{f.fillType}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
