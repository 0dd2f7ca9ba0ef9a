import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { applyLiveModeChange, recordLiveIntent } from "@/db/queries/live-accounts";
import { recordLiveEvents } from "@/db/queries/live-events";
import { putLiveOrder } from "@/db/queries/live-orders";
import { paperPositions } from "@/db/schema";
import { openTestDatabase } from "@/db/testing/test-databases";
import { liveAccountsSchema, liveMonitorSchema } from "@/lib/contract/live";
import type { EnterIntent } from "@/lib/trading/intents";
import { legOrderId } from "@/lib/trading/leg-positions";
import { newTrackedOrder, type OrderFill, type TrackedOrder } from "@/lib/trading/order-state";
import { readAccountSettings } from "../paper/account-settings";
import { listLiveAccountSummaries, liveMonitor } from "./live-monitor";
import { LiveAccountError } from "./errors";
import { differingReconciliation, SEED_BALANCE, SEED_SYMBOL, seedLiveAccount, type SeededLiveAccount } from "./testing/seed-live-account";
import { plantExchangeKeys } from "@/lib/exchange/testing/plant-exchange-keys";

const T0 = Date.UTC(2026, 0, 5, 12);
const MINUTE = 60_000;
const KEY = "PLANTED-MONITOR-KEY-5f1c9e";
const SECRET = "PLANTED-MONITOR-SECRET-b7a0d2+/=";

const entry = (accountId: string, legId: string, barCloseTime: number): EnterIntent => ({
  kind: "enter",
  accountId,
  legId,
  symbol: SEED_SYMBOL,
  barCloseTime,
  direction: "long",
  qty: 0.1,
  stopPrice: 49_000,
  targetPrice: 52_000,
});

function filledOrder(clientOrderId: string, purpose: TrackedOrder["purpose"], side: "buy" | "sell", fills: OrderFill[], at: number): TrackedOrder {
  const order = newTrackedOrder({ clientOrderId, purpose, symbol: SEED_SYMBOL, side, qty: fills.reduce((s, f) => s + f.qty, 0), reduceOnly: purpose !== "entry", createdAt: at });
  return { ...order, status: "filled", sentAt: at, exchangeOrderId: `ex-${clientOrderId.slice(0, 8)}`, fills, updatedAt: at + 1 };
}

describe("the Live page's data, read from the live and paper tables", () => {
  let handle: DatabaseHandle;
  let seeded: SeededLiveAccount;
  let restoreKeys: () => void = () => {};
  beforeAll(async () => {
    handle = await openTestDatabase();
    seeded = await seedLiveAccount(handle.db, { name: "monitor test", reconciliation: differingReconciliation(T0 + 30 * MINUTE), balance: SEED_BALANCE(T0 + 30 * MINUTE), at: T0 });
    const id = seeded.live.id;
    // Matched: live entered at 50 010 and was stopped out; paper entered the same leg on the same bar at 50 000.
    const matched = entry(id, "leg-a", T0);
    await recordLiveIntent(handle.db, id, matched);
    await putLiveOrder(handle.db, id, filledOrder(legOrderId(matched, "entry"), "entry", "buy", [{ fillId: "f1", qty: 0.1, price: 50_010, fillType: "taker", time: T0 + 1_000 }], T0));
    await putLiveOrder(handle.db, id, filledOrder(legOrderId(matched, "stop"), "stop", "sell", [{ fillId: "f2", qty: 0.1, price: 49_000, fillType: "maker", time: T0 + 10 * MINUTE }], T0 + 2_000));
    // Live only: an entry paper never took, still open on the exchange.
    const liveOnly = entry(id, "leg-a", T0 + 20 * MINUTE);
    await recordLiveIntent(handle.db, id, liveOnly);
    await putLiveOrder(handle.db, id, filledOrder(legOrderId(liveOnly, "entry"), "entry", "buy", [{ fillId: "f3", qty: 0.1, price: 50_500, fillType: "taker", time: T0 + 20 * MINUTE + 1_000 }], T0 + 20 * MINUTE));
    const position = { accountId: seeded.paper.id, legId: "leg-a", hypothesisId: "seed-rsi-long-5m", symbol: SEED_SYMBOL, timeframe: "5m", side: "long" as const, qty: 0.1, stop: 49_000, target: 52_000 };
    await handle.db.insert(paperPositions).values([
      { ...position, entryTime: T0, entryPrice: 50_000, status: "closed", exitTime: T0 + 10 * MINUTE, exitPrice: 49_000, exitReason: "stop", netPnl: -105 },
      // Paper only: a decision the live account has no intent for.
      { ...position, entryTime: T0 + 40 * MINUTE, entryPrice: 51_000, status: "open" },
    ]);
    await recordLiveEvents(handle.db, id, [
      { time: T0 + 1, kind: "order-sent", clientOrderId: legOrderId(matched, "entry"), message: "entry sent" },
      { time: T0 + 2, kind: "order-filled", clientOrderId: legOrderId(matched, "entry"), message: "entry filled" },
    ]);
    await applyLiveModeChange(handle.db, { accountId: id, from: "active", to: "reducing", by: { kind: "person", name: "tester" }, at: T0 + 3, reason: "checking" });
    restoreKeys = plantExchangeKeys(KEY, SECRET);
  });
  afterAll(async () => {
    restoreKeys();
    await handle?.close();
  });

  it("lists the account with its paper account's symbols, hypotheses, armed state and mode", async () => {
    const accounts = liveAccountsSchema.parse({ accounts: await listLiveAccountSummaries(handle.db) }).accounts;
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      id: seeded.live.id,
      environment: "demo",
      armed: true,
      armedBy: "seed (test)",
      mode: "reducing",
      modeReason: "checking",
      paperAccountId: seeded.paper.id,
      status: "stopped",
      driven: false,
      symbols: [SEED_SYMBOL],
      hypotheses: [{ id: "seed-rsi-long-5m", timeframe: "5m" }],
      lastReconciledAt: T0 + 30 * MINUTE,
    });
  });

  it("matches live entries with paper positions on leg and bar, and keeps the one-sided ones", async () => {
    const monitor = liveMonitorSchema.parse(await liveMonitor(handle.db, seeded.live.id));
    expect(monitor.comparison.map((r) => [r.decidedAt - T0, r.paper !== null, r.live !== null]), "newest first: paper only, live only, matched").toEqual([
      [40 * MINUTE, true, false],
      [20 * MINUTE, false, true],
      [0, true, true],
    ]);
    const [paperOnly, liveOnly, matched] = monitor.comparison;
    expect(matched).toMatchObject({ legId: "leg-a", direction: "long", paper: { entryPrice: 50_000, exitPrice: 49_000, exitReason: "stop", pnl: -105 }, live: { entryPrice: 50_010, qty: 0.1, exitPrice: 49_000, openQty: 0, status: "closed" } });
    expect(liveOnly?.live, "an entry with no exit is open on the exchange").toMatchObject({ entryPrice: 50_500, openQty: 0.1, exitPrice: null, status: "open" });
    expect(paperOnly?.paper, "paper's open position has no exit yet").toMatchObject({ entryPrice: 51_000, exitPrice: null, pnl: null });
  });

  it("shows orders and fills newest first with fees at the paper account's rates, and the trader's last look at the exchange", async () => {
    const monitor = await liveMonitor(handle.db, seeded.live.id);
    expect(monitor.orders.map((o) => o.purpose)).toEqual(["entry", "stop", "entry"]);
    const stop = monitor.orders[1];
    expect(stop?.fees, "a maker fill pays the maker rate of the paper account's portfolio fees").toBeCloseTo(0.1 * 49_000 * readAccountSettings(seeded.paper.settings).portfolio.fees.maker, 9);
    expect(monitor.fills.map((f) => f.fillId)).toEqual(["f3", "f2", "f1"]);
    expect(monitor.events.map((e) => e.kind), "the newest event first").toEqual(["mode-change", "order-filled", "order-sent", "armed"]);
    expect(monitor.reconciliation?.positions.rows[0]).toEqual({ symbol: SEED_SYMBOL, exchangeQty: 0.2, ledgerQty: 0.1, differs: true });
    expect(monitor.balance?.balance).toBe(10_000);
    expect(monitor.limits.deadMansSwitchSeconds).toBe(60);
  });

  it("says whether keys are set and never carries a key or secret", async () => {
    const text = JSON.stringify(await liveMonitor(handle.db, seeded.live.id));
    expect(JSON.parse(text)).toMatchObject({ keys: { present: true } });
    expect(text, "the API key").not.toContain(KEY);
    expect(text, "the API secret").not.toContain(SECRET);
    expect(JSON.stringify(await listLiveAccountSummaries(handle.db))).not.toContain(KEY);
  });

  it("reports one of a key pair missing as absent, naming the variable only", async () => {
    delete process.env.KRAKEN_FUTURES_API_SECRET;
    try {
      const { keys } = await liveMonitor(handle.db, seeded.live.id);
      expect(keys.present).toBe(false);
      expect(keys.message).toContain("KRAKEN_FUTURES_API_SECRET");
      expect(keys.message).not.toContain(KEY);
    } finally {
      process.env.KRAKEN_FUTURES_API_SECRET = SECRET;
    }
  });

  it("refuses an unknown account by name", async () => {
    await expect(liveMonitor(handle.db, "00000000-0000-4000-8000-000000000000")).rejects.toSatisfy((e) => e instanceof LiveAccountError && e.code === "LIVE_ACCOUNT_NOT_FOUND");
  });
});
