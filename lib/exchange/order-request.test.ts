import { describe, expect, it } from "vitest";
import { newTrackedOrder } from "@/lib/trading/order-state";
import { createOrderArguments, describePlacement, OrderRequestError } from "./order-request";

const order = (reduceOnly: boolean) =>
  newTrackedOrder({ clientOrderId: "0b6a1c2d-0000-8000-8000-000000000000", purpose: reduceOnly ? "stop" : "entry", symbol: "BTCUSDT.P", side: "sell", qty: 0.1, reduceOnly, createdAt: 0 });

describe("createOrderArguments", () => {
  it("sends the stored client order id as ccxt's clientOrderId (Kraken's cliOrdId), on the Kraken market", () => {
    expect(createOrderArguments(order(false), { kind: "market" })).toEqual({
      symbol: "BTC/USD:USD", type: "market", side: "sell", amount: 0.1, params: { clientOrderId: "0b6a1c2d-0000-8000-8000-000000000000" },
    });
  });

  it("a stop triggers on mark, a take-profit on last; both reduce-only", () => {
    expect(createOrderArguments(order(true), { kind: "stop", triggerPrice: 48_000 }).params).toEqual({
      clientOrderId: "0b6a1c2d-0000-8000-8000-000000000000", reduceOnly: true, stopLossPrice: 48_000, triggerSignal: "mark",
    });
    expect(createOrderArguments(order(true), { kind: "take-profit", triggerPrice: 53_000 }).params).toMatchObject({ reduceOnly: true, takeProfitPrice: 53_000, triggerSignal: "last" });
    expect(describePlacement(order(true), { kind: "stop", triggerPrice: 48_000 })).toBe("stop sell 0.10000000 BTCUSDT.P, reduce-only, triggered at 48,000.00 (mark price)");
  });

  it("refuses a protective order that could open a position", () => {
    expect(() => createOrderArguments(order(false), { kind: "stop", triggerPrice: 48_000 })).toThrow(OrderRequestError);
  });
});
