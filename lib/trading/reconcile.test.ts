import { describe, expect, it } from "vitest";
import type { ExchangeOpenOrders, ExchangeOrder, ExchangePositions } from "./exchange-positions";
import { applyOrderEvent, newTrackedOrder, type OrderEvent, type TrackedOrder } from "./order-state";
import { reconcile, type LedgerState } from "./reconcile";

const T = Date.UTC(2026, 2, 1, 12);

const positions = (entries: [string, number][], foreign: [string, number][] = []): ExchangePositions => ({ kind: "known", positions: new Map(entries), foreign: new Map(foreign), readAt: T });
const openOrders = (orders: ExchangeOrder[]): ExchangeOpenOrders => ({ kind: "known", orders, readAt: T });
const noOrders = openOrders([]);

function order(clientOrderId: string, ...events: OrderEvent[]): TrackedOrder {
  const start = newTrackedOrder({ clientOrderId, purpose: "stop", symbol: "BTCUSDT.P", side: "sell", qty: 0.5, reduceOnly: true, createdAt: T });
  return events.reduce((o, e) => {
    const t = applyOrderEvent(o, e);
    if (!t.ok) throw new Error(t.error.message);
    return t.order;
  }, start);
}
const sent: OrderEvent = { kind: "submitted", time: T + 1 };
const ack: OrderEvent = { kind: "acknowledged", exchangeOrderId: "ex-1", time: T + 2 };
const restingStop: ExchangeOrder = { exchangeOrderId: "ex-1", clientOrderId: "stop-1", symbol: "BTCUSDT.P", exchangeSymbol: "BTC/USD:USD", side: "sell", qty: 0.5, reduceOnly: true, type: "stop", triggerPrice: 48_000 };
const ledger = (entries: [string, number][], orders: TrackedOrder[] = []): LedgerState => ({ positions: new Map(entries), orders });

describe("reconcile", () => {
  it("finds nothing when the ledger and the exchange agree", () => {
    const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [order("stop-1", sent, ack)]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: openOrders([restingStop]) });
    expect(r).toEqual({ differences: [], suggestedMode: "active", reasons: [], entriesBlocked: false, blockedSymbols: new Set() });
  });

  it("blocks every entry while the positions are unknown, and says why", () => {
    const r = reconcile(ledger([]), { positions: { kind: "unknown", reason: "the answer held no list of positions" }, openOrders: noOrders });
    expect(r.entriesBlocked).toBe(true);
    expect(r.suggestedMode).toBe("reducing");
    expect(r.reasons).toEqual(["the exchange's positions could not be read (the answer held no list of positions); no entries until they are"]);
    expect(r.differences.filter((d) => d.kind === "size-mismatch" || d.kind === "untracked-position"), "an unknown view is compared with nothing").toEqual([]);
  });

  it("blocks every entry while the open orders are unknown, even with the positions read", () => {
    const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [order("stop-1", sent, ack)]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: { kind: "unknown", reason: "timeout" } });
    expect(r.entriesBlocked).toBe(true);
    expect(r.differences.map((d) => d.kind)).toEqual(["exchange-unknown"]);
  });

  it("blocks entries on an instrument where the exchange holds a position the ledger does not know", () => {
    const r = reconcile(ledger([]), { positions: positions([["ETHUSDT.P", -2]]), openOrders: noOrders });
    expect(r.differences).toEqual([{ kind: "untracked-position", symbol: "ETHUSDT.P", exchangeQty: -2, message: "the exchange holds -2.00000000 ETHUSDT.P that the ledger does not know; entries on ETHUSDT.P are blocked" }]);
    expect(r.blockedSymbols).toEqual(new Set(["ETHUSDT.P"]));
    expect(r.entriesBlocked).toBe(false);
  });

  it("moves to reducing on a size mismatch, and to halted when the exchange holds the other side", () => {
    const smaller = reconcile(ledger([["BTCUSDT.P", 0.5]]), { positions: positions([["BTCUSDT.P", 0.3]]), openOrders: noOrders });
    expect(smaller.suggestedMode).toBe("reducing");
    expect(smaller.reasons).toEqual(["the ledger holds 0.50000000 BTCUSDT.P, the exchange 0.30000000"]);
    expect(smaller.blockedSymbols).toEqual(new Set(["BTCUSDT.P"]));
    const gone = reconcile(ledger([["BTCUSDT.P", 0.5]]), { positions: positions([]), openOrders: noOrders });
    expect(gone.differences.map((d) => d.kind), "a ledger position the exchange no longer holds").toEqual(["size-mismatch"]);
    expect(gone.suggestedMode).toBe("reducing");
    const flipped = reconcile(ledger([["BTCUSDT.P", 0.5]]), { positions: positions([["BTCUSDT.P", -0.5]]), openOrders: noOrders });
    expect(flipped.suggestedMode).toBe("halted");
  });

  it("reads sizes equal to binary-float noise as equal", () => {
    const r = reconcile(ledger([["BTCUSDT.P", 0.1 + 0.2]]), { positions: positions([["BTCUSDT.P", 0.3]]), openOrders: noOrders });
    expect(r.differences).toEqual([]);
  });

  it("moves to reducing on a position in an instrument the system does not trade", () => {
    const r = reconcile(ledger([]), { positions: positions([], [["SOL/USD:USD", 3]]), openOrders: noOrders });
    expect(r.differences.map((d) => d.kind)).toEqual(["foreign-position"]);
    expect(r.suggestedMode).toBe("reducing");
  });

  it("adopts an order the ledger did not place as external, blocking entries there unless it is reduce-only", () => {
    const stranger: ExchangeOrder = { exchangeOrderId: "ex-9", clientOrderId: null, symbol: "BTCUSDT.P", exchangeSymbol: "BTC/USD:USD", side: "buy", qty: 1, reduceOnly: false, type: "limit", triggerPrice: null };
    const r = reconcile(ledger([]), { positions: positions([]), openOrders: openOrders([stranger]) });
    expect(r.differences).toEqual([{ kind: "external-order", order: stranger, message: "the exchange holds order ex-9 (buy 1.00000000 BTCUSDT.P) that the ledger did not place; adopted as external" }]);
    expect(r.blockedSymbols).toEqual(new Set(["BTCUSDT.P"]));
    const reducing = reconcile(ledger([]), { positions: positions([]), openOrders: openOrders([{ ...stranger, reduceOnly: true }]) });
    expect(reducing.blockedSymbols).toEqual(new Set());
  });

  it("matches ledger orders by exchange id when the exchange lists no client id", () => {
    const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [order("stop-1", sent, ack)]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: openOrders([{ ...restingStop, clientOrderId: null }]) });
    expect(r.differences).toEqual([]);
  });

  it("asks for confirmation of a ledger order the exchange does not list, instead of assuming it filled", () => {
    for (const resting of [order("stop-1", sent, ack), order("stop-1", sent), order("stop-1", sent, { kind: "send-failed-without-answer", detail: "timeout", time: T + 3 })]) {
      const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [resting]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: noOrders });
      expect(r.differences.map((d) => d.kind), resting.status).toEqual(["order-needs-confirmation"]);
      expect(r.differences[0]?.message).toContain("not assumed filled or cancelled");
      expect(r.blockedSymbols).toEqual(new Set(["BTCUSDT.P"]));
    }
    const unsent = reconcile(ledger([], [order("stop-1")]), { positions: positions([]), openOrders: noOrders });
    expect(unsent.differences, "an order never sent is not expected on the exchange").toEqual([]);
  });

  it("reports an unanswered order the exchange lists as open, so it can be marked open", () => {
    const unanswered = order("stop-1", sent, { kind: "send-failed-without-answer", detail: "timeout", time: T + 3 });
    const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [unanswered]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: openOrders([restingStop]) });
    expect(r.differences.map((d) => d.kind)).toEqual(["order-seen"]);
    expect(r.suggestedMode).toBe("active");
  });

  it("moves to reducing when an order the ledger has as finished still rests on the exchange", () => {
    const done = order("stop-1", sent, ack, { kind: "cancelled", time: T + 5 });
    const r = reconcile(ledger([["BTCUSDT.P", 0.5]], [done]), { positions: positions([["BTCUSDT.P", 0.5]]), openOrders: openOrders([restingStop]) });
    expect(r.differences.map((d) => d.kind)).toEqual(["finished-order-open"]);
    expect(r.suggestedMode).toBe("reducing");
  });
});
