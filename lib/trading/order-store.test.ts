import { describe, expect, it } from "vitest";
import type { NewOrder } from "./order-state";
import { MemoryOrderStore } from "./memory-order-store";
import { registerInStore, type OrderStore } from "./order-store";

const ENTRY: NewOrder = { clientOrderId: "id-1", purpose: "entry", symbol: "BTCUSDT.P", side: "buy", qty: 0.1, reduceOnly: false, createdAt: 1 };

describe("registerInStore", () => {
  it("stores a new order once; the same decision again gets the stored order; another order under the id is refused", async () => {
    const store = new MemoryOrderStore();
    expect((await registerInStore(store, ENTRY)).kind).toBe("registered");
    await store.put({ ...(await store.get("id-1") ?? expect.fail()), sentAt: 5 });
    const again = await registerInStore(store, { ...ENTRY, createdAt: 9 });
    expect(again).toMatchObject({ kind: "already-registered", order: { sentAt: 5 } });
    expect((await registerInStore(store, { ...ENTRY, qty: 0.2 })).kind).toBe("conflict");
    expect(store.all()).toHaveLength(1);
    expect((await store.get("id-1"))?.qty).toBe(0.1);
  });

  it("follows the same rules through get and put on a store without an atomic insert", async () => {
    const memory = new MemoryOrderStore();
    const store: OrderStore = { get: (id) => memory.get(id), put: (order) => memory.put(order) };
    expect((await registerInStore(store, ENTRY)).kind).toBe("registered");
    expect((await registerInStore(store, { ...ENTRY, createdAt: 9 })).kind).toBe("already-registered");
    expect((await registerInStore(store, { ...ENTRY, side: "sell" })).kind).toBe("conflict");
    expect(memory.all(), "one order stored, the first").toMatchObject([{ side: "buy", updatedAt: 1 }]);
  });
});
