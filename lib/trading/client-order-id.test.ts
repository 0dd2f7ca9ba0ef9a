import { describe, expect, it } from "vitest";
import { CLIENT_ORDER_ID_PATTERN, clientOrderId, type ClientOrderIdInput } from "./client-order-id";

const BASE: ClientOrderIdInput = { accountId: "acc-1", legId: "BTCUSDT.P:breakout", barCloseTime: Date.UTC(2026, 2, 1, 12), purpose: "entry" };

describe("clientOrderId", () => {
  it("gives the same id for the same decision, so a retry reuses it", () => {
    expect(clientOrderId(BASE)).toBe(clientOrderId({ ...BASE }));
    expect(clientOrderId(BASE), "sequence 0 is the default").toBe(clientOrderId({ ...BASE, sequence: 0 }));
  });

  it("gives a different id when the account, leg, bar, purpose or sequence differs", () => {
    const variants: ClientOrderIdInput[] = [
      BASE,
      { ...BASE, accountId: "acc-2" },
      { ...BASE, legId: "BTCUSDT.P:breakout2" },
      { ...BASE, barCloseTime: BASE.barCloseTime + 3_600_000 },
      { ...BASE, barCloseTime: BASE.barCloseTime + 1 },
      ...(["stop", "take-profit", "exit", "flatten"] as const).map((purpose) => ({ ...BASE, purpose })),
      { ...BASE, purpose: "stop", sequence: 1 },
      { ...BASE, purpose: "stop", sequence: 2 },
    ];
    const ids = variants.map(clientOrderId);
    expect(new Set(ids).size).toBe(variants.length);
  });

  it("cannot be fooled by separators inside the ids", () => {
    expect(clientOrderId({ ...BASE, accountId: "a", legId: "b|c" })).not.toBe(clientOrderId({ ...BASE, accountId: "a|b", legId: "c" }));
    expect(clientOrderId({ ...BASE, accountId: "a", legId: 'b","c' })).not.toBe(clientOrderId({ ...BASE, accountId: 'a","b', legId: "c" }));
  });

  it("is a UUID Kraken accepts as cliOrdId (at most 100 characters)", () => {
    for (const purpose of ["entry", "stop", "take-profit", "exit", "flatten"] as const) {
      const id = clientOrderId({ ...BASE, purpose, accountId: "x".repeat(64), legId: "y".repeat(128) });
      expect(id).toMatch(CLIENT_ORDER_ID_PATTERN);
      expect(id.length).toBeLessThanOrEqual(100);
    }
  });

  it("keeps the ids of stored decisions: the recipe is versioned, not edited", () => {
    expect(clientOrderId({ accountId: "a", legId: "l", barCloseTime: 0, purpose: "entry" })).toMatchInlineSnapshot(`"a7b69e6d-db40-8da9-8e71-b8ce2ee174d7"`);
  });

  it("refuses inputs that would make ids ambiguous", () => {
    expect(() => clientOrderId({ ...BASE, accountId: "" })).toThrow();
    expect(() => clientOrderId({ ...BASE, barCloseTime: Number.NaN })).toThrow();
    expect(() => clientOrderId({ ...BASE, barCloseTime: 1.5 })).toThrow();
    expect(() => clientOrderId({ ...BASE, sequence: -1 })).toThrow();
  });
});
