import { formatNumber } from "../format";
import { stricterMode, type AccountMode } from "./account-mode";
import type { ExchangeOpenOrders, ExchangeOrder, ExchangePositions } from "./exchange-positions";
import { isTerminal, type TrackedOrder } from "./order-state";

/** What the system believes: signed quantity per system symbol, and every order it has stored. */
export interface LedgerState {
  readonly positions: ReadonlyMap<string, number>;
  readonly orders: readonly TrackedOrder[];
}

export interface ExchangeState {
  readonly positions: ExchangePositions;
  readonly openOrders: ExchangeOpenOrders;
}

/** One way the exchange and the ledger disagree. `message` is what a person reads in the account's events. */
export type Difference =
  /** A read failed: nothing on it can be compared, and no entries are allowed until it is read again. */
  | { readonly kind: "exchange-unknown"; readonly what: "positions" | "open orders"; readonly message: string }
  /** The exchange holds a position the ledger has none in: entries on that instrument stop until a person looks. */
  | { readonly kind: "untracked-position"; readonly symbol: string; readonly exchangeQty: number; readonly message: string }
  /** Both hold a position, of different sizes (or the ledger's is gone on the exchange). */
  | { readonly kind: "size-mismatch"; readonly symbol: string; readonly ledgerQty: number; readonly exchangeQty: number; readonly message: string }
  /** A position in an instrument the system does not trade: it uses the account's margin. */
  | { readonly kind: "foreign-position"; readonly exchangeSymbol: string; readonly exchangeQty: number; readonly message: string }
  /** An open order the ledger does not know: adopt it as external (track it, never treat it as ours to manage). */
  | { readonly kind: "external-order"; readonly order: ExchangeOrder; readonly message: string }
  /** A ledger order the exchange should hold and does not list: unknown until its fills or status confirm it. */
  | { readonly kind: "order-needs-confirmation"; readonly clientOrderId: string; readonly symbol: string; readonly message: string }
  /** A ledger order the ledger has as finished (filled, cancelled, rejected) that the exchange still lists as open. */
  | { readonly kind: "finished-order-open"; readonly clientOrderId: string; readonly symbol: string; readonly message: string }
  /** A ledger order without an answer that the exchange does list: it is open (apply `seen-in-open-orders`). */
  | { readonly kind: "order-seen"; readonly clientOrderId: string; readonly exchangeOrderId: string; readonly message: string };

export interface Reconciliation {
  readonly differences: readonly Difference[];
  /** The mode the findings call for; the account moves there only if it is stricter than the current one. */
  readonly suggestedMode: AccountMode;
  /** Why the suggested mode, one line each; empty when active. */
  readonly reasons: readonly string[];
  /** No entries at all (the exchange could not be read). */
  readonly entriesBlocked: boolean;
  /** Instruments no entry may be sent on until a person resolves their difference. */
  readonly blockedSymbols: ReadonlySet<string>;
}

/** Quantities this close are equal (decimal sizes summed in binary floats). */
export const sameQuantity = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The system instrument a difference is about, if it is about one (a foreign position is about none). */
export function differenceSymbol(d: Difference): string | null {
  if (d.kind === "external-order") return d.order.symbol;
  return "symbol" in d ? d.symbol : null;
}
const qty = (n: number) => formatNumber(n, 8);

/** Ledger orders the exchange should list as open: sent, and not finished. */
function expectedOnExchange(order: TrackedOrder): boolean {
  if (isTerminal(order.status)) return false;
  return order.status !== "pending-submit" || order.sentAt !== null;
}

function comparePositions(ledger: LedgerState, exchange: Extract<ExchangePositions, { kind: "known" }>): Difference[] {
  const out: Difference[] = [];
  const symbols = new Set([...ledger.positions.keys(), ...exchange.positions.keys()]);
  for (const symbol of [...symbols].sort()) {
    const ledgerQty = ledger.positions.get(symbol) ?? 0;
    const exchangeQty = exchange.positions.get(symbol) ?? 0;
    if (sameQuantity(ledgerQty, exchangeQty)) continue;
    if (sameQuantity(ledgerQty, 0)) {
      out.push({ kind: "untracked-position", symbol, exchangeQty, message: `the exchange holds ${qty(exchangeQty)} ${symbol} that the ledger does not know; entries on ${symbol} are blocked` });
    } else {
      out.push({ kind: "size-mismatch", symbol, ledgerQty, exchangeQty, message: `the ledger holds ${qty(ledgerQty)} ${symbol}, the exchange ${qty(exchangeQty)}` });
    }
  }
  for (const [exchangeSymbol, exchangeQty] of exchange.foreign) {
    out.push({ kind: "foreign-position", exchangeSymbol, exchangeQty, message: `the exchange holds ${qty(exchangeQty)} ${exchangeSymbol}, an instrument the system does not trade; it uses this account's margin` });
  }
  return out;
}

function compareOrders(ledger: LedgerState, exchange: Extract<ExchangeOpenOrders, { kind: "known" }>): Difference[] {
  const out: Difference[] = [];
  const byClientId = new Map(ledger.orders.map((o) => [o.clientOrderId, o]));
  const byExchangeId = new Map(ledger.orders.flatMap((o) => (o.exchangeOrderId === null ? [] : [[o.exchangeOrderId, o] as const])));
  const listed = new Set<string>();
  for (const order of exchange.orders) {
    const mine = (order.clientOrderId === null ? undefined : byClientId.get(order.clientOrderId)) ?? byExchangeId.get(order.exchangeOrderId);
    if (!mine) {
      const where = order.symbol ?? order.exchangeSymbol;
      out.push({ kind: "external-order", order, message: `the exchange holds order ${order.exchangeOrderId} (${order.side} ${qty(order.qty)} ${where}${order.reduceOnly ? ", reduce-only" : ""}) that the ledger did not place; adopted as external` });
      continue;
    }
    listed.add(mine.clientOrderId);
    if (isTerminal(mine.status)) {
      out.push({ kind: "finished-order-open", clientOrderId: mine.clientOrderId, symbol: mine.symbol, message: `order ${mine.clientOrderId} (${mine.purpose}, ${mine.symbol}) is ${mine.status} in the ledger but open on the exchange as ${order.exchangeOrderId}` });
    } else if (mine.status === "unknown" || mine.status === "pending-submit") {
      out.push({ kind: "order-seen", clientOrderId: mine.clientOrderId, exchangeOrderId: order.exchangeOrderId, message: `order ${mine.clientOrderId}, unanswered, is open on the exchange as ${order.exchangeOrderId}` });
    }
  }
  for (const order of ledger.orders) {
    if (!expectedOnExchange(order) || listed.has(order.clientOrderId)) continue;
    out.push({ kind: "order-needs-confirmation", clientOrderId: order.clientOrderId, symbol: order.symbol, message: `order ${order.clientOrderId} (${order.purpose}, ${order.symbol}) is ${order.status} in the ledger but not among the open orders; not assumed filled or cancelled until its fills or status confirm it` });
  }
  return out;
}

/** The mode a difference calls for and the instrument it blocks. */
function consequence(d: Difference): { mode: AccountMode; blocks: string | null } {
  switch (d.kind) {
    case "exchange-unknown":
      return { mode: "reducing", blocks: null };
    case "size-mismatch":
      // The exchange on the other side of the ledger: every protective order sits on the wrong side.
      return { mode: Math.sign(d.ledgerQty) * Math.sign(d.exchangeQty) < 0 ? "halted" : "reducing", blocks: d.symbol };
    case "foreign-position":
      return { mode: "reducing", blocks: null };
    case "finished-order-open":
      return { mode: "reducing", blocks: d.symbol };
    case "untracked-position":
    case "order-needs-confirmation":
      return { mode: "active", blocks: d.symbol };
    case "external-order":
      // A reduce-only order can only shrink a position; any other may grow one the ledger does not see.
      return { mode: "active", blocks: d.order.reduceOnly ? null : d.order.symbol };
    case "order-seen":
      return { mode: "active", blocks: null };
  }
}

/**
 * Compares the ledger with what the exchange reports and says what to do about it. Fails closed: a read that failed
 * is `unknown`, never flat, and stops every entry; a difference on an instrument stops entries there.
 */
export function reconcile(ledger: LedgerState, exchange: ExchangeState): Reconciliation {
  const differences: Difference[] = [];
  if (exchange.positions.kind === "unknown") {
    differences.push({ kind: "exchange-unknown", what: "positions", message: `the exchange's positions could not be read (${exchange.positions.reason}); no entries until they are` });
  } else {
    differences.push(...comparePositions(ledger, exchange.positions));
  }
  if (exchange.openOrders.kind === "unknown") {
    differences.push({ kind: "exchange-unknown", what: "open orders", message: `the exchange's open orders could not be read (${exchange.openOrders.reason}); no entries until they are` });
  } else {
    differences.push(...compareOrders(ledger, exchange.openOrders));
  }
  let suggestedMode: AccountMode = "active";
  const reasons: string[] = [];
  const blockedSymbols = new Set<string>();
  for (const d of differences) {
    const { mode, blocks } = consequence(d);
    if (mode !== "active") reasons.push(d.message);
    suggestedMode = stricterMode(suggestedMode, mode);
    if (blocks !== null) blockedSymbols.add(blocks);
  }
  return { differences, suggestedMode, reasons, entriesBlocked: differences.some((d) => d.kind === "exchange-unknown"), blockedSymbols };
}
