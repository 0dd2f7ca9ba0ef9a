import { redactSecrets } from "@/lib/security/redact-secrets";

/** What a broker action was: the words an account's event log is filtered by. */
export type BrokerEventKind =
  | "order-sent"
  | "order-not-sent"
  | "order-acknowledged"
  | "order-rejected"
  | "order-unknown"
  | "order-settled"
  | "order-still-unknown"
  | "ledger-refused"
  | "read-failed"
  /** Something the exchange reported about an order that cannot be taken as is (a fill without its numbers). */
  | "report-problem"
  | "protection-placed"
  | "protection-failed"
  | "stop-refused-flattened"
  | "order-cancelled"
  | "cancel-failed"
  | "positions-unknown"
  | "open-orders-unknown"
  /** What reconciling the ledger with the exchange found (a difference, an adopted order). */
  | "reconcile-finding"
  | "stop-replaced"
  /** A missing stop whose price the market had already passed: the position was closed at market instead. */
  | "stop-crossed-flattened"
  /** A missing take-profit placed again under the next sequence. */
  | "take-profit-replaced"
  /** A missing take-profit whose target the market had already passed: the position was closed at market instead. */
  | "target-passed-closed"
  /** A position the paper engine closed (time stop, exit signal, a stop the exchange had not reached), closed at market. */
  | "engine-exit"
  /** A leg's position closed at market because the account was halted. */
  | "halt-exit"
  | "dead-mans-switch"
  /** The switch could not be armed or refreshed: a dead process would leave its orders resting. */
  | "dead-mans-switch-failed";

/** One automatic action as a person reads it: what was sent, why, and what came back. */
export interface BrokerEvent {
  readonly time: number;
  readonly kind: BrokerEventKind;
  /** The order it concerns; null for account-wide actions (positions, the dead man's switch). */
  readonly clientOrderId: string | null;
  readonly message: string;
}

/**
 * An event with its message redacted: foreign text in it is already bounded by causeText, and this is the last
 * check that no key value reaches the event log whatever a message quotes.
 */
export function brokerEvent(time: number, kind: BrokerEventKind, clientOrderId: string | null, message: string): BrokerEvent {
  return { time, kind, clientOrderId, message: redactSecrets(message) };
}
