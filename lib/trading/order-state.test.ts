import { describe, expect, it } from "vitest";
import {
  applyOrderEvent,
  averageFillPrice,
  filledQty,
  newTrackedOrder,
  orderFees,
  type OrderEvent,
  type OrderStatus,
  type OrderTransition,
  type TrackedOrder,
} from "./order-state";

const T = Date.UTC(2026, 2, 1, 12);
const fresh = newTrackedOrder({ clientOrderId: "coid-1", purpose: "entry", symbol: "BTCUSDT.P", side: "buy", qty: 1, reduceOnly: false, createdAt: T });

function ok(t: OrderTransition): TrackedOrder {
  if (!t.ok) throw new Error(`expected a legal transition, got ${t.error.code}: ${t.error.message}`);
  return t.order;
}

function run(order: TrackedOrder, ...events: OrderEvent[]): TrackedOrder {
  return events.reduce((o, e) => ok(applyOrderEvent(o, e)), order);
}

const sent: OrderEvent = { kind: "submitted", time: T + 1 };
const ack: OrderEvent = { kind: "acknowledged", exchangeOrderId: "ex-1", time: T + 2 };
const lost: OrderEvent = { kind: "send-failed-without-answer", detail: "timeout after 10 s", time: T + 3 };
const fill = (fillId: string, qty: number, price: number, fillType: "maker" | "taker" = "taker"): OrderEvent => ({ kind: "fill", fillId, qty, price, fillType, time: T + 10 });

/** An order in each state, reached by events only. */
const IN: Record<OrderStatus | "sending", TrackedOrder> = {
  "pending-submit": fresh,
  sending: run(fresh, sent),
  open: run(fresh, sent, ack),
  "partially-filled": run(fresh, sent, ack, fill("f1", 0.4, 100)),
  filled: run(fresh, sent, ack, fill("f1", 1, 100)),
  cancelled: run(fresh, sent, ack, { kind: "cancelled", time: T + 5 }),
  rejected: run(fresh, sent, { kind: "rejected", reason: "insufficient margin", time: T + 2 }),
  unknown: run(fresh, sent, lost),
};

describe("applyOrderEvent", () => {
  it("walks an order from stored to filled over partial fills", () => {
    const order = run(fresh, sent, ack, fill("f1", 0.25, 100), fill("f2", 0.75, 104));
    expect(order.status).toBe("filled");
    expect(order.exchangeOrderId).toBe("ex-1");
    expect(order.sentAt).toBe(T + 1);
    expect(IN["partially-filled"].status).toBe("partially-filled");
  });

  it("never sends an order twice: a second send is refused in every state, the unanswered one included", () => {
    for (const [state, order] of Object.entries(IN)) {
      if (state === "pending-submit") continue;
      const t = applyOrderEvent(order, { kind: "submitted", time: T + 50 });
      expect(t.ok, state).toBe(false);
      if (!t.ok) {
        expect(t.error.code).toBe("ILLEGAL_TRANSITION");
        expect(t.error.message).toContain("coid-1");
      }
    }
  });

  it("keeps an unanswered order unknown: never filled, cancelled or gone", () => {
    expect(IN.unknown.status).toBe("unknown");
    expect(IN.unknown.note).toContain("no answer (timeout after 10 s)");
    const absent = run(IN.unknown, { kind: "absent-from-open-orders", time: T + 20 });
    expect(absent.status, "absent from open orders is not a verdict").toBe("unknown");
    const partly = run(absent, fill("f1", 0.5, 100));
    expect(partly.status, "a partial fill proves it arrived, not that it still rests").toBe("unknown");
    expect(run(partly, fill("f2", 0.5, 101)).status, "fills adding up to the order confirm it filled").toBe("filled");
    expect(run(IN.unknown, { kind: "seen-in-open-orders", exchangeOrderId: "ex-1", time: T + 20 }).status).toBe("open");
    expect(run(IN.unknown, { kind: "acknowledged", exchangeOrderId: "ex-1", time: T + 20 }).status).toBe("open");
  });

  it("turns an open order that vanished from the open orders into unknown, not filled or cancelled", () => {
    for (const state of ["open", "partially-filled", "sending"] as const) {
      const order = run(IN[state], { kind: "absent-from-open-orders", time: T + 20 });
      expect(order.status, state).toBe("unknown");
      expect(order.note).toContain("waiting for its fills or status");
    }
    expect(run(IN.filled, { kind: "absent-from-open-orders", time: T + 20 }).status, "a finished order is expected to be absent").toBe("filled");
  });

  it("confirms a missing order from its status only when the status agrees with the fills recorded", () => {
    const missing = run(IN["partially-filled"], { kind: "absent-from-open-orders", time: T + 20 });
    const early = applyOrderEvent(missing, { kind: "status-confirmed", status: "filled", filledQty: 1, time: T + 30 });
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.code).toBe("STATUS_DISAGREES_WITH_FILLS");
      expect(early.error.message).toContain("fetch the fills before confirming");
    }
    const filled = run(missing, fill("f2", 0.6, 110), { kind: "status-confirmed", status: "filled", filledQty: 1, time: T + 30 });
    expect(filled.status).toBe("filled");
    const cancelled = run(missing, { kind: "status-confirmed", status: "cancelled", filledQty: 0.4, time: T + 30 });
    expect(cancelled.status, "cancelled after a partial fill keeps its fill").toBe("cancelled");
    expect(filledQty(cancelled)).toBeCloseTo(0.4, 12);
    const bad = applyOrderEvent(missing, { kind: "status-confirmed", status: "cancelled", filledQty: 0.3, time: T + 30 });
    expect(!bad.ok && bad.error.code).toBe("STATUS_DISAGREES_WITH_FILLS");
    const tooFew = applyOrderEvent(run(missing, { kind: "status-confirmed", status: "cancelled", filledQty: 0.4, time: T + 30 }), { kind: "status-confirmed", status: "filled", filledQty: 0.4, time: T + 31 });
    expect(!tooFew.ok && tooFew.error.code, "a cancelled order cannot become filled").toBe("ILLEGAL_TRANSITION");
  });

  it("counts a fill reported twice once, and refuses the same fill id with other numbers", () => {
    const twice = run(IN.open, fill("f1", 0.4, 100), fill("f1", 0.4, 100));
    expect(filledQty(twice)).toBeCloseTo(0.4, 12);
    expect(twice.status).toBe("partially-filled");
    const t = applyOrderEvent(twice, fill("f1", 0.5, 100));
    expect(!t.ok && t.error.code).toBe("CONFLICTING_REPORT");
  });

  it("refuses an overfill and leaves the order as it was", () => {
    const t = applyOrderEvent(IN["partially-filled"], fill("f2", 0.7, 100));
    expect(t.ok).toBe(false);
    if (!t.ok) {
      expect(t.error.code).toBe("OVERFILL");
      expect(t.error.message).toContain("1.10000000");
    }
    expect(filledQty(IN["partially-filled"])).toBeCloseTo(0.4, 12);
    const onFilled = applyOrderEvent(IN.filled, fill("f9", 0.001, 100));
    expect(!onFilled.ok && onFilled.error.code).toBe("OVERFILL");
  });

  it("treats fills summing to the order quantity in floating point as complete", () => {
    const order = run(IN.open, fill("a", 0.1, 100), fill("b", 0.2, 100), fill("c", 0.7, 100));
    expect(order.status, "0.1 + 0.2 + 0.7 is 0.9999999999999999 in binary").toBe("filled");
  });

  it("refuses fills that are not positive numbers", () => {
    for (const [qty, price] of [[0, 100], [-1, 100], [0.1, 0], [Number.NaN, 100], [0.1, Number.POSITIVE_INFINITY]] as const) {
      const t = applyOrderEvent(IN.open, fill("x", qty, price));
      expect(!t.ok && t.error.code, `${qty} @ ${price}`).toBe("INVALID_FILL");
    }
  });

  it("records a fill that arrives after the cancel and keeps the order cancelled", () => {
    const order = run(IN.cancelled, fill("late", 0.3, 100));
    expect(order.status).toBe("cancelled");
    expect(filledQty(order)).toBeCloseTo(0.3, 12);
  });

  it("refuses a second exchange order id for one client id", () => {
    const t = applyOrderEvent(IN.open, { kind: "seen-in-open-orders", exchangeOrderId: "ex-2", time: T + 20 });
    expect(!t.ok && t.error.code).toBe("CONFLICTING_REPORT");
    expect(run(IN.open, ack), "the same answer twice changes nothing").toEqual(IN.open);
  });

  it("refuses every event that cannot happen in a state, with a message naming the state", () => {
    const illegal: [keyof typeof IN, OrderEvent][] = [
      ["pending-submit", ack],
      ["pending-submit", lost],
      ["pending-submit", { kind: "rejected", reason: "x", time: T }],
      ["pending-submit", fill("f1", 1, 100)],
      ["pending-submit", { kind: "cancelled", time: T }],
      ["pending-submit", { kind: "seen-in-open-orders", exchangeOrderId: "ex-1", time: T }],
      ["pending-submit", { kind: "absent-from-open-orders", time: T }],
      ["pending-submit", { kind: "status-confirmed", status: "cancelled", filledQty: 0, time: T }],
      ["open", lost],
      ["open", { kind: "rejected", reason: "x", time: T }],
      ["partially-filled", { kind: "rejected", reason: "x", time: T }],
      ["filled", lost],
      ["filled", { kind: "cancelled", time: T }],
      ["filled", { kind: "seen-in-open-orders", exchangeOrderId: "ex-1", time: T }],
      ["filled", { kind: "status-confirmed", status: "cancelled", filledQty: 1, time: T }],
      ["cancelled", ack],
      ["cancelled", lost],
      ["cancelled", { kind: "seen-in-open-orders", exchangeOrderId: "ex-1", time: T }],
      ["rejected", ack],
      ["rejected", lost],
      ["rejected", fill("f1", 0.1, 100)],
      ["rejected", { kind: "cancelled", time: T }],
      ["rejected", { kind: "seen-in-open-orders", exchangeOrderId: "ex-1", time: T }],
      ["rejected", { kind: "rejected", reason: "again", time: T }],
      ["rejected", { kind: "status-confirmed", status: "filled", filledQty: 0, time: T }],
    ];
    for (const [state, event] of illegal) {
      const t = applyOrderEvent(IN[state], event);
      expect(t.ok, `${event.kind} in ${state}`).toBe(false);
      if (!t.ok) {
        expect(t.error.code, `${event.kind} in ${state}`).toBe("ILLEGAL_TRANSITION");
        expect(t.error.message).toMatch(/not possible while (it is|its request)/);
      }
    }
  });

  it("keeps what fills said when the answer to the send is lost after them", () => {
    const filledFirst = run(IN.sending, fill("f1", 0.4, 100));
    expect(filledFirst.status, "a fill streamed before the answer").toBe("partially-filled");
    expect(run(filledFirst, lost)).toEqual(filledFirst);
    expect(run(run(IN.sending, fill("f1", 1, 100)), lost).status).toBe("filled");
    expect(run(filledFirst, ack), "the late answer records the exchange's id").toMatchObject({ status: "partially-filled", exchangeOrderId: "ex-1" });
  });

  it("refuses a rejection after fills: the exchange accepted that order", () => {
    const t = applyOrderEvent(run(IN.unknown, fill("f1", 0.5, 100)), { kind: "rejected", reason: "x", time: T + 30 });
    expect(!t.ok && t.error.message).toContain("it has fills already");
  });
});

describe("averageFillPrice and orderFees", () => {
  it("average the fills by quantity, not by count", () => {
    const order = run(IN.open, fill("f1", 0.25, 100), fill("f2", 0.75, 104));
    expect(averageFillPrice(order)).toBeCloseTo((0.25 * 100 + 0.75 * 104) / 1, 12);
    expect(averageFillPrice(order)).toBeCloseTo(103, 12);
    expect(averageFillPrice(IN.open), "no fills, no price").toBeNull();
  });

  it("charge each fill at the rate of its type", () => {
    const order = run(IN.open, fill("f1", 0.5, 100, "maker"), fill("f2", 0.5, 110, "taker"));
    const rates = { maker: 0.0002, taker: 0.0005 };
    // 0.5 × 100 × 0.0002 + 0.5 × 110 × 0.0005 = 0.01 + 0.0275
    expect(orderFees(order, rates)).toBeCloseTo(0.0375, 12);
    expect(orderFees(IN.open, rates)).toBe(0);
    expect(orderFees(run(IN.open, fill("f1", 1, 100, "maker")), { maker: -0.0001, taker: 0.0005 }), "a maker rebate is a negative fee").toBeCloseTo(-0.01, 12);
  });
});
