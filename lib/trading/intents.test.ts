import { describe, expect, it } from "vitest";
import { closingSide, intentSchema } from "./intents";

const T = Date.UTC(2026, 2, 1, 12);
const enter = { kind: "enter", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, direction: "long", qty: 0.1, stopPrice: 59_000, targetPrice: 62_000 };

describe("intentSchema", () => {
  it("reads every kind of intent back from a stored row", () => {
    const rows = [
      enter,
      { kind: "place-protection", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, protection: "stop", positionDirection: "long", qty: 0.1, triggerPrice: 59_000, sequence: 0, reduceOnly: true },
      { kind: "move-protection", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, protection: "stop", clientOrderId: "x", triggerPrice: 59_500, reduceOnly: true },
      { kind: "cancel-protection", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, protection: "take-profit", clientOrderId: "x" },
      { kind: "exit", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, positionDirection: "short", qty: 0.1, reason: "time stop", reduceOnly: true },
      { kind: "flatten", accountId: "acc", decidedAt: T, reason: "halted by a person" },
    ];
    for (const row of rows) expect(intentSchema.parse(row), row.kind).toEqual(row);
  });

  it("refuses protective orders and exits that are not reduce-only", () => {
    const stop = { kind: "place-protection", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, protection: "stop", positionDirection: "long", qty: 0.1, triggerPrice: 59_000, sequence: 0, reduceOnly: false };
    expect(intentSchema.safeParse(stop).success).toBe(false);
    const exit = { kind: "exit", accountId: "acc", legId: "leg-1", symbol: "BTCUSDT.P", barCloseTime: T, positionDirection: "long", qty: 0.1, reason: "x" };
    expect(intentSchema.safeParse(exit).success, "reduceOnly must be stated").toBe(false);
  });

  it("refuses zero, negative and non-finite quantities, stops on the wrong side, unknown symbols and extra fields", () => {
    for (const qty of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(intentSchema.safeParse({ ...enter, qty }).success, `qty ${qty}`).toBe(false);
    expect(intentSchema.safeParse({ ...enter, stopPrice: 63_000 }).success, "a long's stop above its target").toBe(false);
    expect(intentSchema.safeParse({ ...enter, direction: "short" }).success, "a short's stop below its target").toBe(false);
    expect(intentSchema.safeParse({ ...enter, direction: "short", stopPrice: 63_000 }).success).toBe(true);
    expect(intentSchema.safeParse({ ...enter, symbol: "BTC/USD:USD" }).success, "exchange symbols are not system symbols").toBe(false);
    expect(intentSchema.safeParse({ ...enter, leverage: 5 }).success, "a stored row with unknown fields is refused").toBe(false);
  });

  it("closes a long by selling and a short by buying", () => {
    expect(closingSide("long")).toBe("sell");
    expect(closingSide("short")).toBe("buy");
  });
});
