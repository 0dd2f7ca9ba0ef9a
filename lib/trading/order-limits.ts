import { formatInt, formatNumber } from "../format";
import type { OrderSide } from "./intents";

/** The account's hard caps, checked on every order before it is stored. Notionals are in USD. */
export interface OrderLimits {
  readonly maxOrderNotional: number;
  /** Gross notional of all positions after the order. */
  readonly maxAccountNotional: number;
  readonly maxOrdersPerMinute: number;
}

/** The system's leverage rule: gross exposure never above 1× equity. */
export const MAX_GROSS_LEVERAGE = 1;

export interface ProposedOrder {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  /** The price the notional is valued at: the limit or trigger price, or the last price for a market order. */
  readonly price: number;
  readonly reduceOnly: boolean;
}

export interface AccountExposure {
  readonly equity: number;
  /** Signed quantity (long > 0) and the price to value it at, per symbol. */
  readonly positions: ReadonlyMap<string, { readonly qty: number; readonly price: number }>;
  /** When the account's recent orders were sent (epoch ms), in any order; times after `now` (a clock step) count too. */
  readonly recentOrderTimes: readonly number[];
  readonly now: number;
}

export type LimitRefusal =
  | { readonly code: "INVALID_ORDER"; readonly message: string }
  | { readonly code: "ORDER_NOTIONAL"; readonly message: string }
  | { readonly code: "ACCOUNT_NOTIONAL"; readonly message: string }
  | { readonly code: "ORDER_RATE"; readonly message: string }
  | { readonly code: "LEVERAGE"; readonly message: string };

export type LimitCheck = { readonly ok: true } | { readonly ok: false; readonly refusals: readonly LimitRefusal[] };

const RATE_WINDOW_MS = 60_000;
const usd = (n: number) => `${formatNumber(n, 0)} USD`;

/** The order's signed quantity change to its symbol's position. */
const signedQty = (order: ProposedOrder) => (order.side === "buy" ? order.qty : -order.qty);

/**
 * Whether the order only shrinks a position: reduce-only, against the position, and no larger than it. Such an order
 * passes the notional and leverage caps — a cap that blocks an exit traps the position it was meant to limit.
 */
export function onlyShrinks(order: ProposedOrder, positionQty: number): boolean {
  const delta = signedQty(order);
  return order.reduceOnly && positionQty !== 0 && Math.sign(delta) === -Math.sign(positionQty) && Math.abs(delta) <= Math.abs(positionQty);
}

/** Gross notional with `delta` added to `symbol`'s position, that symbol valued at `price` (the order's). */
function grossNotional(account: AccountExposure, symbol: string, price: number, delta: number): number {
  let gross = 0;
  for (const [s, p] of account.positions) {
    if (s !== symbol) gross += Math.abs(p.qty) * p.price;
  }
  return gross + Math.abs((account.positions.get(symbol)?.qty ?? 0) + delta) * price;
}

/**
 * Every cap the order breaks, each with its reason in words; `ok` when none. The rate cap counts orders sent in the
 * last minute (a sliding window) and applies to every order, exits included: a runaway loop is stopped either way.
 */
export function checkOrderLimits(order: ProposedOrder, account: AccountExposure, limits: OrderLimits): LimitCheck {
  if (!(order.qty > 0) || !Number.isFinite(order.qty) || !(order.price > 0) || !Number.isFinite(order.price)) {
    return { ok: false, refusals: [{ code: "INVALID_ORDER", message: `order quantity ${order.qty} at price ${order.price}: both must be positive numbers` }] };
  }
  const refusals: LimitRefusal[] = [];
  const sentLastMinute = account.recentOrderTimes.filter((t) => t > account.now - RATE_WINDOW_MS).length;
  if (sentLastMinute >= limits.maxOrdersPerMinute) {
    refusals.push({ code: "ORDER_RATE", message: `${formatInt(sentLastMinute)} orders were sent in the last minute, the cap is ${formatInt(limits.maxOrdersPerMinute)} per minute` });
  }
  if (!onlyShrinks(order, account.positions.get(order.symbol)?.qty ?? 0)) {
    const notional = order.qty * order.price;
    if (notional > limits.maxOrderNotional) {
      refusals.push({ code: "ORDER_NOTIONAL", message: `order notional ${usd(notional)} exceeds the per-order cap of ${usd(limits.maxOrderNotional)}` });
    }
    const gross = grossNotional(account, order.symbol, order.price, signedQty(order));
    // A cap is broken by an order that takes the gross above it; one that leaves an account already above it less
    // exposed is not refused (prices move a full account over its caps without any order).
    const grows = gross > grossNotional(account, order.symbol, order.price, 0);
    if (grows && gross > limits.maxAccountNotional) {
      refusals.push({ code: "ACCOUNT_NOTIONAL", message: `the account's gross notional would be ${usd(gross)}, above its cap of ${usd(limits.maxAccountNotional)}` });
    }
    const maxGross = Math.max(0, account.equity) * MAX_GROSS_LEVERAGE;
    if (grows && gross > maxGross) {
      refusals.push({ code: "LEVERAGE", message: `gross exposure would be ${usd(gross)}, above ${MAX_GROSS_LEVERAGE}× the account's equity of ${usd(account.equity)}` });
    }
  }
  return refusals.length === 0 ? { ok: true } : { ok: false, refusals };
}
