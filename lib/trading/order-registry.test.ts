import { describe, expect, it } from "vitest";
import { clientOrderId } from "./client-order-id";
import { registerOrder } from "./order-registry";
import { applyOrderEvent, type NewOrder, type TrackedOrder } from "./order-state";

const T = Date.UTC(2026, 2, 1, 12);
const decision = { accountId: "acc", legId: "leg-1", barCloseTime: T, purpose: "entry" } as const;
const entry: NewOrder = { clientOrderId: clientOrderId(decision), purpose: "entry", symbol: "BTCUSDT.P", side: "buy", qty: 0.1, reduceOnly: false, createdAt: T };

describe("registerOrder", () => {
  it("stores a new order as pending-submit, not yet sent", () => {
    const r = registerOrder(new Map(), entry);
    expect(r.kind).toBe("registered");
    if (r.kind === "registered") expect(r.order).toMatchObject({ status: "pending-submit", sentAt: null, fills: [] });
  });

  it("gives the stored order back when the same decision is made again, so no second order is sent", () => {
    const first = registerOrder(new Map(), entry);
    if (first.kind !== "registered") throw new Error("first registration");
    const sentOnce = applyOrderEvent(first.order, { kind: "submitted", time: T + 1 });
    if (!sentOnce.ok) throw new Error(sentOnce.error.message);
    const stored = new Map<string, TrackedOrder>([[entry.clientOrderId, sentOnce.order]]);
    // A restart re-runs the decision on the same bar: same inputs, same id.
    const again = registerOrder(stored, { ...entry, clientOrderId: clientOrderId(decision), createdAt: T + 60_000 });
    expect(again).toEqual({ kind: "already-registered", order: sentOnce.order });
    const resend = applyOrderEvent(sentOnce.order, { kind: "submitted", time: T + 60_001 });
    expect(resend.ok, "and the stored order cannot be sent a second time").toBe(false);
  });

  it("refuses an id stored for a different order and says what differs", () => {
    const stored = new Map<string, TrackedOrder>();
    const r0 = registerOrder(stored, entry);
    if (r0.kind !== "registered") throw new Error("first registration");
    stored.set(entry.clientOrderId, r0.order);
    const r = registerOrder(stored, { ...entry, qty: 0.2 });
    expect(r.kind).toBe("conflict");
    if (r.kind === "conflict") expect(r.message).toContain("nothing was sent");
    expect(registerOrder(stored, { ...entry, side: "sell" }).kind).toBe("conflict");
  });
});
