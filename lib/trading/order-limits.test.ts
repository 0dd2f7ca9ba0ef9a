import { describe, expect, it } from "vitest";
import { checkOrderLimits, onlyShrinks, type AccountExposure, type LimitCheck, type OrderLimits, type ProposedOrder } from "./order-limits";

const NOW = Date.UTC(2026, 2, 1, 12);
const LIMITS: OrderLimits = { maxOrderNotional: 10_000, maxAccountNotional: 30_000, maxOrdersPerMinute: 5 };
const flat: AccountExposure = { equity: 50_000, positions: new Map(), recentOrderTimes: [], now: NOW };
const buy = (qty: number, price = 100, symbol = "BTCUSDT.P"): ProposedOrder => ({ symbol, side: "buy", qty, price, reduceOnly: false });
const codes = (c: LimitCheck) => (c.ok ? [] : c.refusals.map((r) => r.code));

describe("checkOrderLimits", () => {
  it("allows an order at the per-order cap and refuses one just beyond it, saying why", () => {
    expect(checkOrderLimits(buy(100), flat, LIMITS)).toEqual({ ok: true });
    const over = checkOrderLimits(buy(125), flat, LIMITS);
    expect(over).toEqual({ ok: false, refusals: [{ code: "ORDER_NOTIONAL", message: "order notional 12,500 USD exceeds the per-order cap of 10,000 USD" }] });
    expect(codes(checkOrderLimits(buy(100.01), flat, LIMITS))).toEqual(["ORDER_NOTIONAL"]);
  });

  it("allows the account's gross notional at its cap and refuses it just beyond", () => {
    const holding: AccountExposure = { ...flat, positions: new Map([["ETHUSDT.P", { qty: -10, price: 2_000 }]]) };
    expect(checkOrderLimits(buy(100), holding, LIMITS)).toEqual({ ok: true });
    const over = checkOrderLimits(buy(100.5), holding, LIMITS);
    expect(codes(over)).toEqual(["ORDER_NOTIONAL", "ACCOUNT_NOTIONAL"]);
    expect(!over.ok && over.refusals[1]?.message).toBe("the account's gross notional would be 30,050 USD, above its cap of 30,000 USD");
  });

  it("counts shorts and longs alike in the gross, and nets an order against its own symbol's position", () => {
    const shortBtc: AccountExposure = { ...flat, positions: new Map([["BTCUSDT.P", { qty: -250, price: 100 }]]) };
    // Buying 50 against a short of 250 leaves 200 short: gross 20 000, less than before.
    expect(checkOrderLimits(buy(50), shortBtc, { ...LIMITS, maxAccountNotional: 20_000 })).toEqual({ ok: true });
  });

  it("refuses an order that takes gross exposure above 1× equity, and allows it at exactly 1×", () => {
    const small: AccountExposure = { ...flat, equity: 8_000 };
    expect(checkOrderLimits(buy(80), small, LIMITS)).toEqual({ ok: true });
    const over = checkOrderLimits(buy(80.01), small, LIMITS);
    expect(codes(over)).toEqual(["LEVERAGE"]);
    expect(!over.ok && over.refusals[0]?.message).toBe("gross exposure would be 8,001 USD, above 1× the account's equity of 8,000 USD");
    expect(codes(checkOrderLimits(buy(1), { ...flat, equity: 0 }, LIMITS)), "no equity, no exposure").toEqual(["LEVERAGE"]);
    expect(codes(checkOrderLimits(buy(1), { ...flat, equity: -500 }, LIMITS))).toEqual(["LEVERAGE"]);
  });

  it("always lets a reduce-only order that only shrinks a position through the exposure caps", () => {
    // Prices moved: the long is now worth 15 000 against equity 5 000 and caps of 10 000 — over every cap.
    const over: AccountExposure = { ...flat, equity: 5_000, positions: new Map([["BTCUSDT.P", { qty: 150, price: 100 }]]) };
    const exit: ProposedOrder = { symbol: "BTCUSDT.P", side: "sell", qty: 150, price: 100, reduceOnly: true };
    expect(checkOrderLimits(exit, over, { ...LIMITS, maxAccountNotional: 10_000 })).toEqual({ ok: true });
    expect(checkOrderLimits({ ...exit, qty: 50 }, over, LIMITS)).toEqual({ ok: true });
    expect(codes(checkOrderLimits({ ...exit, qty: 151 }, over, LIMITS)), "larger than the position: it would open the other side").not.toEqual([]);
    expect(codes(checkOrderLimits({ ...exit, side: "buy" }, over, LIMITS)), "reduce-only on the growing side is no reduction").not.toEqual([]);
  });

  it("refuses the order beyond the per-minute cap over a sliding window", () => {
    const times = (n: number, newest: number) => Array.from({ length: n }, (_, i) => newest - i * 1_000);
    expect(checkOrderLimits(buy(1), { ...flat, recentOrderTimes: times(4, NOW) }, LIMITS), "the 5th order in a minute").toEqual({ ok: true });
    const sixth = checkOrderLimits(buy(1), { ...flat, recentOrderTimes: times(5, NOW) }, LIMITS);
    expect(sixth).toEqual({ ok: false, refusals: [{ code: "ORDER_RATE", message: "5 orders were sent in the last minute, the cap is 5 per minute" }] });
    // The oldest of five sent exactly 60 s ago has left the window.
    expect(checkOrderLimits(buy(1), { ...flat, recentOrderTimes: [NOW - 60_000, ...times(4, NOW)] }, LIMITS)).toEqual({ ok: true });
    expect(codes(checkOrderLimits(buy(1), { ...flat, recentOrderTimes: [NOW - 59_999, ...times(4, NOW)] }, LIMITS))).toEqual(["ORDER_RATE"]);
    const exit: ProposedOrder = { symbol: "BTCUSDT.P", side: "sell", qty: 1, price: 100, reduceOnly: true };
    const long: AccountExposure = { ...flat, positions: new Map([["BTCUSDT.P", { qty: 1, price: 100 }]]), recentOrderTimes: times(5, NOW) };
    expect(codes(checkOrderLimits(exit, long, LIMITS)), "the rate cap holds for exits too").toEqual(["ORDER_RATE"]);
  });

  it("lists every cap an order breaks", () => {
    const c = checkOrderLimits(buy(400), { ...flat, equity: 1_000, recentOrderTimes: Array(5).fill(NOW) }, LIMITS);
    expect(codes(c)).toEqual(["ORDER_RATE", "ORDER_NOTIONAL", "ACCOUNT_NOTIONAL", "LEVERAGE"]);
  });

  it("refuses orders with no positive quantity or price", () => {
    for (const [qty, price] of [[0, 100], [-1, 100], [1, 0], [Number.NaN, 100], [1, Number.POSITIVE_INFINITY]] as const) {
      expect(codes(checkOrderLimits(buy(qty, price), flat, LIMITS)), `${qty} @ ${price}`).toEqual(["INVALID_ORDER"]);
    }
  });
});

describe("onlyShrinks", () => {
  it("holds for reduce-only orders against the position and no larger than it", () => {
    const sell = (qty: number, reduceOnly = true): ProposedOrder => ({ symbol: "BTCUSDT.P", side: "sell", qty, price: 100, reduceOnly });
    expect(onlyShrinks(sell(1), 1)).toBe(true);
    expect(onlyShrinks(sell(0.5), 1)).toBe(true);
    expect(onlyShrinks(sell(1.5), 1)).toBe(false);
    expect(onlyShrinks(sell(1, false), 1), "not flagged reduce-only").toBe(false);
    expect(onlyShrinks(sell(1), 0), "nothing to shrink").toBe(false);
    expect(onlyShrinks(sell(1), -2), "selling into a short grows it").toBe(false);
  });
});
