import type { OrderSide } from "./intents";

/**
 * The exchange's positions as last read: signed quantity per system symbol (long > 0, short < 0), or `unknown` with
 * why. There is no empty stand-in for "could not read": a flat account is `known` with no entries, and only a
 * complete, well-formed answer is read as known.
 */
export type ExchangePositions =
  | {
      readonly kind: "known";
      readonly positions: ReadonlyMap<string, number>;
      /** Positions in instruments the system does not trade, by the exchange's symbol: they still use margin. */
      readonly foreign: ReadonlyMap<string, number>;
      readonly readAt: number;
    }
  | { readonly kind: "unknown"; readonly reason: string };

/** Maps an exchange symbol (ccxt's `BTC/USD:USD`) to the system's (`BTCUSDT.P`), or undefined for one not traded. */
export type ToSystemSymbol = (exchangeSymbol: string) => string | undefined;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function unknown(reason: string): ExchangePositions {
  return { kind: "unknown", reason };
}

/**
 * Reads a ccxt `fetchPositions` answer (`[{ symbol, side, contracts, contractSize }]`). Anything but a list, or a
 * list with one entry that cannot be read, gives `unknown`: a half-read list would hide the position it dropped.
 */
export function parseExchangePositions(answer: unknown, toSystemSymbol: ToSystemSymbol, readAt: number): ExchangePositions {
  if (!Array.isArray(answer)) return unknown(`the exchange's answer held no list of positions (got ${answer === null ? "null" : typeof answer})`);
  const positions = new Map<string, number>();
  const foreign = new Map<string, number>();
  for (const [i, entry] of answer.entries()) {
    if (!isRecord(entry) || typeof entry.symbol !== "string" || entry.symbol === "") return unknown(`position ${i} has no symbol`);
    const { symbol, side, contracts } = entry;
    const contractSize = entry.contractSize ?? 1;
    if (typeof contracts !== "number" || !Number.isFinite(contracts) || contracts < 0) return unknown(`position ${i} (${symbol}) has no readable size`);
    if (typeof contractSize !== "number" || !Number.isFinite(contractSize) || contractSize <= 0) return unknown(`position ${i} (${symbol}) has no readable contract size`);
    if (contracts === 0) continue;
    if (side !== "long" && side !== "short") return unknown(`position ${i} (${symbol}) holds ${contracts} contracts on no readable side`);
    const signed = (side === "long" ? 1 : -1) * contracts * contractSize;
    const system = toSystemSymbol(symbol);
    const into = system === undefined ? foreign : positions;
    const key = system ?? symbol;
    // One-way accounts hold one position per instrument; two rows mean the answer is not what we think it is.
    if (into.has(key)) return unknown(`the exchange listed two positions in ${key}`);
    into.set(key, signed);
  }
  return { kind: "known", positions, foreign, readAt };
}

/** One order resting on the exchange, as its open-orders list shows it. */
export interface ExchangeOrder {
  readonly exchangeOrderId: string;
  readonly clientOrderId: string | null;
  /** The system symbol, or null for an instrument the system does not trade. */
  readonly symbol: string | null;
  readonly exchangeSymbol: string;
  readonly side: OrderSide;
  readonly qty: number;
  readonly reduceOnly: boolean;
  /** What kind of order rests: reconciliation tells a protective stop from a take-profit or a limit by it. */
  readonly type: ExchangeOrderType;
  /** The trigger price of a stop or take-profit; null for an order without one (or one ccxt did not give). */
  readonly triggerPrice: number | null;
}

/** An open order's kind; `other` for a kind the system does not place (it is still an order on the account). */
export type ExchangeOrderType = "stop" | "take-profit" | "limit" | "other";

/** ccxt's order types as Kraken Futures' open orders give them (`lmt` → limit, `stop`, `take_profit`). */
function orderTypeOf(type: unknown): ExchangeOrderType {
  if (type === "stop") return "stop";
  if (type === "take_profit" || type === "takeProfit" || type === "take-profit") return "take-profit";
  if (type === "limit") return "limit";
  return "other";
}

export type ExchangeOpenOrders =
  | { readonly kind: "known"; readonly orders: readonly ExchangeOrder[]; readonly readAt: number }
  | { readonly kind: "unknown"; readonly reason: string };

/** Reads a ccxt `fetchOpenOrders` answer (`[{ id, clientOrderId, symbol, side, amount, reduceOnly, type }]`), failing closed. */
export function parseExchangeOpenOrders(answer: unknown, toSystemSymbol: ToSystemSymbol, readAt: number): ExchangeOpenOrders {
  if (!Array.isArray(answer)) return { kind: "unknown", reason: `the exchange's answer held no list of open orders (got ${answer === null ? "null" : typeof answer})` };
  const orders: ExchangeOrder[] = [];
  for (const [i, entry] of answer.entries()) {
    const bad = (what: string) => ({ kind: "unknown" as const, reason: `open order ${i} has no readable ${what}` });
    if (!isRecord(entry)) return bad("fields");
    const { id, clientOrderId, symbol, side, amount, reduceOnly, type, triggerPrice } = entry;
    if (typeof id !== "string" || id === "") return bad("id");
    if (typeof symbol !== "string" || symbol === "") return bad("symbol");
    if (side !== "buy" && side !== "sell") return bad("side");
    if (typeof amount !== "number" || !(amount > 0) || !Number.isFinite(amount)) return bad("quantity");
    orders.push({
      exchangeOrderId: id,
      clientOrderId: typeof clientOrderId === "string" && clientOrderId !== "" ? clientOrderId : null,
      symbol: toSystemSymbol(symbol) ?? null,
      exchangeSymbol: symbol,
      side,
      qty: amount,
      // Only an explicit true is reduce-only: an order that might grow a position is treated as one that does.
      reduceOnly: reduceOnly === true,
      type: orderTypeOf(type),
      triggerPrice: typeof triggerPrice === "number" && triggerPrice > 0 && Number.isFinite(triggerPrice) ? triggerPrice : null,
    });
  }
  return { kind: "known", orders, readAt };
}
