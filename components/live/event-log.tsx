import type { LiveMonitorJson } from "@/lib/contract/live";
import { whenSeconds } from "./live-format";

/** Kinds a person should not scroll past (lib/exchange's BrokerEventKind, and the account's mode changes). */
const WARN = new Set(["mode-change", "order-rejected", "order-unknown", "order-still-unknown", "ledger-refused", "read-failed", "report-problem", "protection-failed", "stop-refused-flattened", "cancel-failed", "positions-unknown", "open-orders-unknown", "reconcile-finding", "stop-crossed-flattened", "target-passed-closed", "dead-mans-switch-failed", "feed-failure", "entry-refused", "trader-not-restarted"]);

/** The account's event log, newest first: what was sent, why, what came back, and every mode change with who made it. */
export function EventLog({ events }: { events: LiveMonitorJson["events"] }) {
  if (events.length === 0) return <p className="muted small" data-testid="live-events-empty">No event yet.</p>;
  return (
    <ul className="job-logs live-events" data-testid="live-events">
      {events.map((e) => (
        <li key={e.id} data-testid="live-event" data-kind={e.kind} className={WARN.has(e.kind) ? "warn" : ""}>
          <time>{whenSeconds(e.time)}</time>
          <span className="mono">{e.kind}</span> {e.message}
        </li>
      ))}
    </ul>
  );
}
