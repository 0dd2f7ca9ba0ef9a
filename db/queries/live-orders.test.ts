import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { applyOrderEvent, newTrackedOrder, type NewOrder, type OrderEvent, type TrackedOrder } from "@/lib/trading/order-state";
import { registerInStore } from "@/lib/trading/order-store";
import { openDatabase, type DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { LiveOrderRowError } from "./live-order-row";
import { databaseOrderStore, LiveOrderAccountError, listLiveOrders } from "./live-orders";
import { resultRows } from "./result-rows";

const T0 = Date.UTC(2026, 0, 5, 12);
let sequence = 0;
const newOrder = (changes: Partial<NewOrder> = {}): NewOrder => ({
  clientOrderId: `coid-${++sequence}`,
  purpose: "entry",
  symbol: "BTCUSDT.P",
  side: "buy",
  qty: 0.3,
  reduceOnly: false,
  createdAt: T0,
  ...changes,
});

function after(order: TrackedOrder, event: OrderEvent): TrackedOrder {
  const transition = applyOrderEvent(order, event);
  if (!transition.ok) throw new Error(transition.error.message);
  return transition.order;
}

describe("live orders on PostgreSQL", () => {
  let handle: DatabaseHandle;
  /** A second pool on the same database: another process, or this one after a restart. */
  let other: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    other = await openDatabase({ url: handle.url });
  });
  afterAll(async () => {
    await other?.close();
    await handle?.close();
  });

  const rawRow = async (clientOrderId: string) =>
    resultRows<{ account_id: string; qty: number; side: string; status: string; updated_at: Date }>(
      await handle.db.execute(sql`select account_id, qty, side, status, updated_at from live_orders where client_order_id = ${clientOrderId}`),
    )[0];

  it("round-trips an order through every state, fills included, as another connection reads it", async () => {
    const writer = databaseOrderStore(handle.db, "acct-a");
    const reader = databaseOrderStore(other.db, "acct-a");
    const expectStored = async (order: TrackedOrder) => {
      await writer.put(order);
      expect(await reader.get(order.clientOrderId), `stored while ${order.status}`).toEqual(order);
    };
    const fill = (fillId: string, qty: number, time: number): OrderEvent => ({ kind: "fill", fillId, qty, price: 65_432.1, fillType: "taker", time });

    let filled = newTrackedOrder(newOrder());
    await expectStored(filled);
    for (const event of [{ kind: "submitted", time: T0 + 1 }, { kind: "acknowledged", exchangeOrderId: "ex-1", time: T0 + 2 }, fill("f-1", 0.1, T0 + 3), fill("f-2", 0.2, T0 + 4)] as const) {
      filled = after(filled, event);
      await expectStored(filled);
    }
    expect(filled).toMatchObject({ status: "filled", fills: [{ fillId: "f-1" }, { fillId: "f-2" }] });

    let unknown = after(newTrackedOrder(newOrder()), { kind: "submitted", time: T0 + 1 });
    for (const event of [{ kind: "send-failed-without-answer", detail: "timed out", time: T0 + 5 }, { kind: "cancelled", time: T0 + 6 }] as const) {
      unknown = after(unknown, event);
      await expectStored(unknown);
    }
    expect(unknown.status).toBe("cancelled");

    const rejected = after(after(newTrackedOrder(newOrder()), { kind: "submitted", time: T0 + 1 }), { kind: "rejected", reason: "insufficientAvailableFunds", time: T0 + 2 });
    await expectStored(rejected);
    expect(rejected.note).toBe("insufficientAvailableFunds");
  });

  it("shows a restarted process the orders recorded as sent, by status", async () => {
    const order = newOrder({ purpose: "stop", side: "sell", reduceOnly: true });
    const before = databaseOrderStore(handle.db, "acct-restart");
    expect((await registerInStore(before, order)).kind).toBe("registered");
    const sent = after((await before.get(order.clientOrderId)) ?? expect.fail("registered order not found"), { kind: "submitted", time: T0 + 10 });
    await before.put(sent);

    const restarted = databaseOrderStore(other.db, "acct-restart");
    expect(await restarted.get(order.clientOrderId), "the sent mark survived: this order is never sent again").toMatchObject({ status: "pending-submit", sentAt: T0 + 10 });
    expect(await listLiveOrders(other.db, "acct-restart", { status: ["pending-submit", "unknown"] })).toEqual([sent]);
    expect(await listLiveOrders(other.db, "acct-restart", { status: ["filled"] })).toEqual([]);
    expect((await registerInStore(restarted, order)).kind, "the same decision after the restart sends nothing new").toBe("already-registered");
  });

  it("lets exactly one of two processes register the same id; the other gets the stored order", async () => {
    for (let i = 0; i < 20; i++) {
      const order = newOrder();
      const [a, b] = await Promise.all([registerInStore(databaseOrderStore(handle.db, "acct-race"), order), registerInStore(databaseOrderStore(other.db, "acct-race"), { ...order, createdAt: T0 + 1 })]);
      expect([a.kind, b.kind].sort(), `registration ${i}`).toEqual(["already-registered", "registered"]);
      const winner = a.kind === "registered" ? a.order : b.kind === "registered" ? b.order : expect.fail("nobody registered");
      const loser = a.kind === "registered" ? b : a;
      expect(loser.kind === "already-registered" && loser.order, "the loser holds the order the winner stored").toEqual(winner);
    }
    expect(await listLiveOrders(handle.db, "acct-race")).toHaveLength(20);
  });

  it("refuses another order under a stored id and leaves the row as it was", async () => {
    const order = newOrder();
    const store = databaseOrderStore(handle.db, "acct-conflict");
    await registerInStore(store, order);
    const before = await rawRow(order.clientOrderId);
    const conflict = await registerInStore(databaseOrderStore(other.db, "acct-conflict"), { ...order, side: "sell", qty: 0.5, createdAt: T0 + 60_000 });
    expect(conflict).toMatchObject({ kind: "conflict", message: expect.stringContaining("nothing was sent") });
    expect(await rawRow(order.clientOrderId)).toEqual(before);
  });

  it("keeps each account's orders to its own store", async () => {
    const order = newOrder();
    const mine = databaseOrderStore(handle.db, "acct-mine");
    const theirs = databaseOrderStore(handle.db, "acct-theirs");
    await registerInStore(mine, order);
    const before = await rawRow(order.clientOrderId);

    expect(await theirs.get(order.clientOrderId), "another account's order is not read").toBeUndefined();
    const overwrite = theirs.put({ ...newTrackedOrder(order), status: "cancelled" });
    await expect(overwrite).rejects.toBeInstanceOf(LiveOrderAccountError);
    await expect(registerInStore(theirs, order)).rejects.toThrow(/stored for another account, not acct-theirs/);
    expect(await rawRow(order.clientOrderId), "the owner's row is untouched").toEqual(before);
    expect(await listLiveOrders(handle.db, "acct-theirs")).toEqual([]);
    expect(await listLiveOrders(handle.db, "acct-mine")).toHaveLength(1);
  });

  it("reports a corrupted fills column by name instead of dropping the order", async () => {
    const order = newOrder();
    const store = databaseOrderStore(handle.db, "acct-corrupt");
    await registerInStore(store, order);
    await handle.db.execute(sql`update live_orders set fills = '[{"fillId": "f-1", "qty": "0.1"}]'::jsonb where client_order_id = ${order.clientOrderId}`);

    const read = store.get(order.clientOrderId);
    await expect(read).rejects.toBeInstanceOf(LiveOrderRowError);
    await expect(store.get(order.clientOrderId)).rejects.toThrow(new RegExp(`live_orders row ${order.clientOrderId}: column fills .*at 0\\.qty`));
    await expect(listLiveOrders(handle.db, "acct-corrupt"), "a list with the order missing would read as one order fewer on the exchange").rejects.toThrow(/column fills/);
    await handle.db.execute(sql`update live_orders set fills = '[]'::jsonb, status = 'lost' where client_order_id = ${order.clientOrderId}`);
    await expect(store.get(order.clientOrderId)).rejects.toThrow(/column status/);
  });
});
