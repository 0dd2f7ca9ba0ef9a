import type { Alert, AlertKind } from "@/lib/alerts/alert";
import type { BrokerEvent, BrokerEventKind } from "./broker-event";

/**
 * Which broker events a person must hear of at once, and as what; null for those the event log alone holds. Here
 * beside the broker's events, not in lib/alerts: the exchange ranks above the alerts and may import them, not the
 * other way round. A Record, so a new event kind cannot be added without deciding this.
 */
const ALERT_KIND_OF: Readonly<Record<BrokerEventKind, AlertKind | null>> = {
  "order-sent": null,
  "order-not-sent": null,
  "order-acknowledged": null,
  "order-rejected": "order-rejected",
  "order-unknown": null,
  "order-settled": null,
  "order-still-unknown": null,
  "ledger-refused": null,
  "read-failed": "feed-failure",
  "report-problem": null,
  "protection-placed": null,
  "protection-failed": "missing-stop",
  "stop-refused-flattened": "missing-stop",
  "order-cancelled": null,
  "cancel-failed": null,
  "positions-unknown": "reconciliation-mismatch",
  "open-orders-unknown": "reconciliation-mismatch",
  "reconcile-finding": "reconciliation-mismatch",
  "stop-replaced": "missing-stop",
  "stop-crossed-flattened": "missing-stop",
  // A missing target is no safety problem (the stop protects the position), and taking profit at market when the
  // target was reached unwatched is what the take-profit would have done: the event log holds both.
  "take-profit-replaced": null,
  "target-passed-closed": null,
  "engine-exit": null,
  // The halt itself is alerted on once; each position it closes is in the log.
  "halt-exit": null,
  "dead-mans-switch": null,
  "dead-mans-switch-failed": "dead-mans-switch",
};

/** The alert an account's broker event raises, or null when it is routine. */
export function alertOfBrokerEvent(accountId: string, event: BrokerEvent): Alert | null {
  const kind = ALERT_KIND_OF[event.kind];
  return kind === null ? null : { accountId, kind, message: event.message, time: event.time };
}
