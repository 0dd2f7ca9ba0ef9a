import { describe, expect, it } from "vitest";
import type { Trade } from "../backtest/types";
import { tickLedger } from "./paper-ledger";
import type { PaperEvent, PaperState } from "./types";

const ACCOUNT = "acct";
const LEG = "BTCUSDT.P:h1";
const T = Date.UTC(2026, 9, 1);
const snapshot = { legs: [{ id: LEG, hypothesisId: "h1" }] } as unknown as PaperState;
const ids = () => {
  let n = 0;
  return () => `id-${++n}`;
};
const base = { legId: LEG, symbol: "BTCUSDT.P", timeframe: "5m" as const };

describe("tickLedger", () => {
  it("opens an entry order at the signal, fills it into a position on the next tick, and closes both on the trade", () => {
    const newId = ids();
    const placed = tickLedger(ACCOUNT, [{ type: "order_placed", time: T, ...base, side: "long", signalIndex: 9, signalTime: T - 300_000, sizingEquity: 10_000, riskScale: 1 }], snapshot, { orders: {}, positions: {} }, newId);
    expect(placed.newOrders).toEqual([{ id: "id-1", accountId: ACCOUNT, kind: "entry", side: "buy", type: "market", qty: 0, price: null, status: "open", createdTime: T }]);
    expect(placed.orders).toEqual({ [LEG]: "id-1" });

    const fill: PaperEvent = { type: "fill", time: T + 300_000, ...base, side: "long", entryIndex: 10, entryTime: T, price: 50_000, qty: 0.1, stop: 49_000, target: 52_000, fee: 2.5, slippageCost: 0.5 };
    const filled = tickLedger(ACCOUNT, [fill], snapshot, placed, newId);
    expect(filled.newPositions).toMatchObject([{ id: "id-2", legId: LEG, hypothesisId: "h1", qty: 0.1, entryPrice: 50_000, status: "open" }]);
    expect(filled.orderUpdates.get("id-1"), "the order placed a tick earlier is updated, not inserted").toEqual({ status: "filled", qty: 0.1, price: 50_000, positionId: "id-2" });
    expect(filled.fills).toEqual([{ accountId: ACCOUNT, orderId: "id-1", legId: LEG, kind: "entry", side: "buy", time: T, price: 50_000, qty: 0.1, fee: 2.5 }]);
    expect(filled).toMatchObject({ orders: {}, positions: { [LEG]: "id-2" } });

    const trade = { side: "long", qty: 0.1, exitTime: T + 900_000, exitPrice: 52_000, reason: "target", entryFee: 2.5, exitFee: 1.04, funding: 0.2, netPnl: 196.26 } as Trade;
    const closed = tickLedger(ACCOUNT, [{ type: "position_closed", time: T + 900_000, ...base, reason: "target", ambiguity: "none", trade }], snapshot, filled, newId);
    expect(closed.positionUpdates.get("id-2")).toEqual({ status: "closed", exitTime: T + 900_000, exitPrice: 52_000, exitReason: "target", fees: 3.54, funding: 0.2, netPnl: 196.26 });
    expect(closed.newOrders).toMatchObject([{ id: "id-3", positionId: "id-2", kind: "target", side: "sell", type: "limit", status: "filled" }]);
    expect(closed.events.map((e) => e.kind)).toEqual(["position_closed"]);
    expect(closed.positions).toEqual({});
  });

  it("cancels an entry order the fill refused, and folds a same-tick fill into the new rows", () => {
    const newId = ids();
    const blocked = tickLedger(ACCOUNT, [{ type: "entry_blocked", time: T, ...base, reason: "invalid_stop", stage: "fill", signalIndex: 9 }], snapshot, { orders: { [LEG]: "old-order" }, positions: {} }, newId);
    expect(blocked.orderUpdates.get("old-order")).toEqual({ status: "cancelled" });
    expect(blocked.orders).toEqual({});

    const sameTick = tickLedger(
      ACCOUNT,
      [
        { type: "order_placed", time: T, ...base, side: "short", signalIndex: 9, signalTime: T, sizingEquity: 10_000, riskScale: 1 },
        { type: "fill", time: T, ...base, side: "short", entryIndex: 10, entryTime: T, price: 50_000, qty: 0.1, stop: 51_000, target: 48_000, fee: 2.5, slippageCost: 0.5 },
      ],
      snapshot,
      { orders: {}, positions: {} },
      newId,
    );
    expect(sameTick.orderUpdates.size, "a row made this tick is inserted with its changes, not updated").toBe(0);
    expect(sameTick.newOrders).toMatchObject([{ id: "id-1", status: "filled", qty: 0.1, side: "sell", positionId: "id-2" }]);
  });
});
