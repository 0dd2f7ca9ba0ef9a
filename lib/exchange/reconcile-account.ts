import type { EnterIntent } from "@/lib/trading/intents";
import { ledgerPositions, legPositions, type LegPosition } from "@/lib/trading/leg-positions";
import { isTerminal, type TrackedOrder } from "@/lib/trading/order-state";
import { reconcile, type Difference, type Reconciliation } from "@/lib/trading/reconcile";
import type { ExchangeOpenOrders, ExchangePositions } from "@/lib/trading/exchange-positions";
import { brokerEvent, type BrokerEvent } from "./broker-event";
import type { KrakenFuturesBroker } from "./kraken-futures-broker";
import { restoreStop } from "./restore-stop";
import { restoreTakeProfit } from "./restore-take-profit";

/**
 * What the store knows of one account: every order it tracks (the database store's `listOrders(db, accountId)`, or
 * MemoryOrderStore.all() in tests) and the entries that may hold a position (the intent log's enter intents). The
 * positions are computed from these orders after they are settled, not passed in: a position taken before settling
 * would miss the fills settling finds, and the entries give each position its stop price and its order ids.
 */
export interface AccountLedger {
  readonly orders: readonly TrackedOrder[];
  readonly entries: readonly EnterIntent[];
}

export interface AccountReconciliation {
  /** lib/trading's findings: differences, the mode they call for and why, the instruments they block. */
  readonly reconciliation: Reconciliation;
  /** Instruments with a position whose stop is not known to rest on the exchange, and why: no entries there either. */
  readonly unprotected: ReadonlyMap<string, string>;
  /** The exchange as read for it (either may be unknown), the ledger's orders after settling and its legs from them. */
  readonly positions: ExchangePositions;
  readonly openOrders: ExchangeOpenOrders;
  readonly orders: readonly TrackedOrder[];
  readonly legs: readonly LegPosition[];
  readonly events: readonly BrokerEvent[];
}

/** What reconciling needs of the broker. */
type ReconcilingBroker = Pick<KrakenFuturesBroker, "readPositions" | "readOpenOrders" | "settle" | "register" | "submit" | "cancel" | "readMarkPrice" | "now">;

/** Ledger orders whose state only the exchange can tell now: unanswered, or resting in the ledger and not listed. */
function needsSettling(order: TrackedOrder, openOrders: ExchangeOpenOrders): boolean {
  if (isTerminal(order.status) || order.sentAt === null) return false;
  if (order.status === "unknown" || order.status === "pending-submit") return true;
  if (openOrders.kind === "unknown") return false;
  return !openOrders.orders.some((o) => o.clientOrderId === order.clientOrderId || o.exchangeOrderId === order.exchangeOrderId);
}

function orderIdOf(d: Difference): string | null {
  return "clientOrderId" in d ? d.clientOrderId : null;
}

/** Why a symbol's stops are not checked, or null when they can be: both reads known and the sizes agree. */
function protectionUncheckable(symbol: string, positions: ExchangePositions, openOrders: ExchangeOpenOrders, differences: readonly Difference[]): string | null {
  if (positions.kind === "unknown") return "its stop is not checked while the exchange's positions are unknown";
  if (openOrders.kind === "unknown") return "its stop is not checked while the exchange's open orders are unknown";
  const mismatch = differences.find((d) => d.kind === "size-mismatch" && d.symbol === symbol);
  if (mismatch !== undefined) return `its stop is not checked while ${mismatch.message}; a person must resolve the size first`;
  return null;
}

/**
 * Compares the account on the exchange with the ledger, the first thing after a start and then on a timer: reads the
 * positions and open orders (either may be unknown, never read as empty), settles the ledger's orders the exchange
 * has to answer for, runs lib/trading's reconcile, and puts back every position's missing stop, then its missing
 * take-profit (see restoreTakeProfit). Nothing is resent: an unanswered order is settled by looking it up, and a stop
 * or take-profit put back gets a new id.
 */
export async function reconcileAccount(broker: ReconcilingBroker, ledger: AccountLedger): Promise<AccountReconciliation> {
  const positions = await broker.readPositions();
  const open = await broker.readOpenOrders();
  const events: BrokerEvent[] = [...positions.events, ...open.events];
  const orders: TrackedOrder[] = [];
  for (const order of ledger.orders) {
    if (!needsSettling(order, open.openOrders)) {
      orders.push(order);
      continue;
    }
    const settled = await broker.settle(order.clientOrderId);
    events.push(...settled.events);
    orders.push(settled.order ?? order);
  }
  const legs = legPositions(ledger.entries, orders);
  const reconciliation = reconcile({ positions: ledgerPositions(legs), orders }, { positions: positions.positions, openOrders: open.openOrders });
  events.push(...reconciliation.differences.map((d) => brokerEvent(broker.now(), "reconcile-finding", orderIdOf(d), d.message)));
  const unprotected = new Map<string, string>();
  for (const leg of legs) {
    if (leg.qty === 0) continue;
    const symbol = leg.entry.symbol;
    const uncheckable = protectionUncheckable(symbol, positions.positions, open.openOrders, reconciliation.differences);
    if (uncheckable !== null) {
      unprotected.set(symbol, uncheckable);
      continue;
    }
    const resting = open.openOrders.kind === "known" ? open.openOrders.orders : [];
    const check = await restoreStop(broker, leg, resting);
    events.push(...check.events);
    if (check.problem !== null) unprotected.set(symbol, check.problem);
    // A position closed at market (or being closed) needs no target; otherwise its missing take-profit goes back too.
    if (!check.flattened) events.push(...(await restoreTakeProfit(broker, leg, resting)));
  }
  return { reconciliation, unprotected, positions: positions.positions, openOrders: open.openOrders, orders, legs, events };
}
