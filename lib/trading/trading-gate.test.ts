import { describe, expect, it } from "vitest";
import type { ExchangeOpenOrders, ExchangePositions } from "./exchange-positions";
import { reconcile } from "./reconcile";
import { TradingGate } from "./trading-gate";

const T = Date.UTC(2026, 2, 1, 12);
const flatAnd = (entries: [string, number][]): ExchangePositions => ({ kind: "known", positions: new Map(entries), foreign: new Map(), readAt: T });
const none: ExchangeOpenOrders = { kind: "known", orders: [], readAt: T };
const noLedger = { positions: new Map<string, number>(), orders: [] };

describe("TradingGate", () => {
  it("refuses every entry before the first reconciliation", () => {
    expect(new TradingGate().entryPermission("BTCUSDT.P")).toEqual({ allowed: false, reason: "no reconciliation has run yet: nothing enters before the ledger and the exchange were compared" });
  });

  it("allows entries after a clean reconciliation", () => {
    const gate = new TradingGate();
    gate.record(reconcile(noLedger, { positions: flatAnd([]), openOrders: none }));
    expect(gate.entryPermission("BTCUSDT.P")).toEqual({ allowed: true });
  });

  it("refuses everywhere while positions are unknown, on a blocked or unprotected instrument there only", () => {
    const gate = new TradingGate();
    gate.record(reconcile(noLedger, { positions: { kind: "unknown", reason: "timeout" }, openOrders: none }));
    expect(gate.entryPermission("ETHUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("no entries on any instrument: the exchange's positions could not be read (timeout)") });

    gate.record(reconcile(noLedger, { positions: flatAnd([["ETHUSDT.P", 1]]), openOrders: none }), new Map([["BNBUSDT.P", "its stop went missing"]]));
    expect(gate.entryPermission("ETHUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringContaining("that the ledger does not know") });
    expect(gate.entryPermission("BNBUSDT.P")).toEqual({ allowed: false, reason: "entries on BNBUSDT.P are blocked: its stop went missing" });
    expect(gate.entryPermission("BTCUSDT.P"), "a clean reconciliation replaced the failed one").toEqual({ allowed: true });
  });

  it("refuses while the findings call for a mode other than active", () => {
    const gate = new TradingGate();
    gate.record(reconcile({ positions: new Map([["BTCUSDT.P", 0.5]]), orders: [] }, { positions: flatAnd([["BTCUSDT.P", -0.5]]), openOrders: none }));
    expect(gate.entryPermission("ETHUSDT.P")).toMatchObject({ allowed: false, reason: expect.stringMatching(/^reconciliation calls for halted: the ledger holds 0\.50000000 BTCUSDT\.P, the exchange -0\.50000000/) });
  });
});
