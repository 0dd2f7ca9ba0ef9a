import { describe, expect, it } from "vitest";
import { parseExchangeOpenOrders, parseExchangePositions, type ToSystemSymbol } from "./exchange-positions";

const T = Date.UTC(2026, 2, 1, 12);
const SYMBOLS: Record<string, string> = { "BTC/USD:USD": "BTCUSDT.P", "ETH/USD:USD": "ETHUSDT.P" };
const toSystem: ToSystemSymbol = (s) => SYMBOLS[s];

describe("parseExchangePositions", () => {
  it("reads long and short positions as signed quantities per system symbol", () => {
    const view = parseExchangePositions(
      [
        { symbol: "BTC/USD:USD", side: "long", contracts: 0.5, contractSize: 1 },
        { symbol: "ETH/USD:USD", side: "short", contracts: 2 },
      ],
      toSystem,
      T,
    );
    expect(view).toEqual({ kind: "known", positions: new Map([["BTCUSDT.P", 0.5], ["ETHUSDT.P", -2]]), foreign: new Map(), readAt: T });
  });

  it("reads an empty list as flat, and only an empty list", () => {
    const flat = parseExchangePositions([], toSystem, T);
    expect(flat.kind).toBe("known");
    expect(parseExchangePositions([{ symbol: "BTC/USD:USD", side: "long", contracts: 0 }], toSystem, T), "a zero-size row is no position").toEqual(flat);
  });

  it("never reads a missing or broken answer as flat", () => {
    const broken: unknown[] = [
      undefined,
      null,
      {},
      { openPositions: [] },
      "[]",
      [{ side: "long", contracts: 1 }],
      [{ symbol: "BTC/USD:USD", side: "long" }],
      [{ symbol: "BTC/USD:USD", side: "long", contracts: Number.NaN }],
      [{ symbol: "BTC/USD:USD", side: "long", contracts: -1 }],
      [{ symbol: "BTC/USD:USD", side: "long", contracts: "0.5" }],
      [{ symbol: "BTC/USD:USD", contracts: 0.5 }],
      [{ symbol: "BTC/USD:USD", side: "long", contracts: 0.5, contractSize: 0 }],
      [{ symbol: "BTC/USD:USD", side: "long", contracts: 1 }, { symbol: "BTC/USD:USD", side: "short", contracts: 1 }],
      [{ symbol: "ETH/USD:USD", side: "long", contracts: 1 }, null],
    ];
    for (const answer of broken) {
      const view = parseExchangePositions(answer, toSystem, T);
      expect(view.kind, JSON.stringify(answer)).toBe("unknown");
      if (view.kind === "unknown") expect(view.reason.length).toBeGreaterThan(10);
    }
  });

  it("keeps positions in instruments the system does not trade, by the exchange's symbol", () => {
    const view = parseExchangePositions([{ symbol: "SOL/USD:USD", side: "short", contracts: 3 }], toSystem, T);
    expect(view).toEqual({ kind: "known", positions: new Map(), foreign: new Map([["SOL/USD:USD", -3]]), readAt: T });
  });

  it("multiplies contracts by the contract size", () => {
    const view = parseExchangePositions([{ symbol: "BTC/USD:USD", side: "long", contracts: 3, contractSize: 0.001 }], toSystem, T);
    expect(view.kind === "known" && view.positions.get("BTCUSDT.P")).toBeCloseTo(0.003, 12);
  });
});

describe("parseExchangeOpenOrders", () => {
  it("reads ccxt's open orders with their client ids, reduce-only flags and kinds", () => {
    const view = parseExchangeOpenOrders(
      [
        { id: "ex-1", clientOrderId: "coid-1", symbol: "BTC/USD:USD", side: "sell", amount: 0.5, reduceOnly: true, type: "stop", triggerPrice: 48_000 },
        { id: "ex-2", clientOrderId: undefined, symbol: "SOL/USD:USD", side: "buy", amount: 1, type: "limit" },
        { id: "ex-3", clientOrderId: "coid-3", symbol: "BTC/USD:USD", side: "sell", amount: 0.5, reduceOnly: true, type: "take_profit" },
        { id: "ex-4", clientOrderId: null, symbol: "BTC/USD:USD", side: "sell", amount: 0.5, type: "trailing_stop" },
      ],
      toSystem,
      T,
    );
    expect(view).toEqual({
      kind: "known",
      readAt: T,
      orders: [
        { exchangeOrderId: "ex-1", clientOrderId: "coid-1", symbol: "BTCUSDT.P", exchangeSymbol: "BTC/USD:USD", side: "sell", qty: 0.5, reduceOnly: true, type: "stop", triggerPrice: 48_000 },
        { exchangeOrderId: "ex-2", clientOrderId: null, symbol: null, exchangeSymbol: "SOL/USD:USD", side: "buy", qty: 1, reduceOnly: false, type: "limit", triggerPrice: null },
        { exchangeOrderId: "ex-3", clientOrderId: "coid-3", symbol: "BTCUSDT.P", exchangeSymbol: "BTC/USD:USD", side: "sell", qty: 0.5, reduceOnly: true, type: "take-profit", triggerPrice: null },
        { exchangeOrderId: "ex-4", clientOrderId: null, symbol: "BTCUSDT.P", exchangeSymbol: "BTC/USD:USD", side: "sell", qty: 0.5, reduceOnly: false, type: "other", triggerPrice: null },
      ],
    });
  });

  it("never reads a missing or broken answer as no orders", () => {
    for (const answer of [undefined, null, {}, [{ id: "", symbol: "BTC/USD:USD", side: "buy", amount: 1 }], [{ id: "x", symbol: "BTC/USD:USD", side: "long", amount: 1 }], [{ id: "x", symbol: "BTC/USD:USD", side: "buy", amount: 0 }]]) {
      expect(parseExchangeOpenOrders(answer, toSystem, T).kind, JSON.stringify(answer)).toBe("unknown");
    }
  });
});
