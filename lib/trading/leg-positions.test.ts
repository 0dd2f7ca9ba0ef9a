import { describe, expect, it } from "vitest";
import type { OrderPurpose } from "./client-order-id";
import type { EnterIntent } from "./intents";
import { ledgerPositions, legOrderId, legPositions } from "./leg-positions";
import { applyOrderEvent, newTrackedOrder, type TrackedOrder } from "./order-state";

const T = Date.UTC(2026, 2, 1, 12);
const LONG: EnterIntent = { kind: "enter", accountId: "acc", legId: "btc", symbol: "BTCUSDT.P", barCloseTime: T, direction: "long", qty: 0.5, stopPrice: 48_000, targetPrice: 53_000 };
const SHORT: EnterIntent = { ...LONG, legId: "eth", symbol: "ETHUSDT.P", direction: "short", qty: 2, stopPrice: 3_200, targetPrice: 2_800 };

/** The entry's order of `purpose`/`sequence`, sent and filled for `filled` (nothing when 0). */
function order(entry: EnterIntent, purpose: OrderPurpose, filled: number, sequence = 0): TrackedOrder {
  const id = legOrderId(entry, purpose, sequence);
  let o = newTrackedOrder({ clientOrderId: id, purpose, symbol: entry.symbol, side: "buy", qty: entry.qty, reduceOnly: purpose !== "entry", createdAt: T });
  for (const event of [{ kind: "submitted" as const, time: T }, ...(filled > 0 ? [{ kind: "fill" as const, fillId: `${id}-f`, qty: filled, price: 1, fillType: "taker" as const, time: T }] : [])]) {
    const t = applyOrderEvent(o, event);
    if (!t.ok) throw new Error(t.error.message);
    o = t.order;
  }
  return o;
}

describe("legPositions", () => {
  it("is what the entry filled less what its stops, take-profits and exits filled, every sequence counted", () => {
    const orders = [
      order(LONG, "entry", 0.5), order(LONG, "stop", 0), order(LONG, "stop", 0.1, 1), order(LONG, "take-profit", 0), order(LONG, "take-profit", 0.1, 1), order(LONG, "exit", 0.1),
      order(SHORT, "entry", 2),
    ];
    const legs = legPositions([LONG, SHORT], orders);
    expect(legs.map((l) => [l.entry.legId, l.qty, l.stops.length, l.takeProfits.length, l.exits.length])).toEqual([["btc", expect.closeTo(0.2, 12), 2, 2, 1], ["eth", 2, 0, 0, 0]]);
    expect(legs[0]?.takeProfits.map((o) => o.clientOrderId), "the take-profits by sequence, a re-placement after the first").toEqual([legOrderId(LONG, "take-profit"), legOrderId(LONG, "take-profit", 1)]);
    expect(ledgerPositions(legs), "signed per symbol, a short below 0").toEqual(new Map([["BTCUSDT.P", expect.closeTo(0.2, 12)], ["ETHUSDT.P", -2]]));
  });

  it("an entry with no order stored, or closed in full, holds nothing", () => {
    const legs = legPositions([LONG, SHORT], [order(SHORT, "entry", 2), order(SHORT, "exit", 2)]);
    expect(legs.map((l) => l.qty)).toEqual([0, 0]);
    expect(ledgerPositions(legs)).toEqual(new Map());
  });

  it("a gap in the sequences ends the search: re-placements take the next free one", () => {
    const legs = legPositions([LONG], [order(LONG, "entry", 0.5), order(LONG, "stop", 0.5, 1)]);
    expect(legs[0]?.qty, "stop 1 without stop 0 is not this leg's").toBe(0.5);
  });
});
