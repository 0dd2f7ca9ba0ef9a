import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getLiveAccount, listEntryIntents } from "@/db/queries/live-accounts";
import { listLiveEvents } from "@/db/queries/live-events";
import { listLiveOrders } from "@/db/queries/live-orders";
import { listPaperPositions } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import { liveReconciliationSchema } from "@/lib/contract/live";
import type { KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { legOrderId, legPositions } from "@/lib/trading/leg-positions";
import { averageFillPrice } from "@/lib/trading/order-state";
import { runLiveJob } from "./live-job";
import { armedSessionAccount, fakeClockExtras, MINUTE, plantSessionKeys, SESSION_KEY, SESSION_SECRET, SESSION_T0, sessionJobContext, startSessionEmulator, type SessionClock } from "./testing/live-session";

describe("a live account trading the Kraken Futures emulator through ccxt", () => {
  let handle: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  let restoreKeys: () => void;
  const clock: SessionClock = { t: SESSION_T0 };
  beforeAll(async () => {
    handle = await openTestDatabase();
    restoreKeys = plantSessionKeys();
    emulator = await startSessionEmulator(clock);
  });
  afterAll(async () => {
    restoreKeys?.();
    await emulator?.stop();
    await handle?.close();
  });

  /** Runs the account's live job on the fake clock for `forMs`, then stops it as Ctrl-C would. */
  async function trade(accountId: string, forMs: number): Promise<void> {
    const abort = new AbortController();
    const stopAt = clock.t + forMs;
    const ctx = await sessionJobContext(handle.db, accountId, abort.signal);
    await runLiveJob(
      handle.db,
      { accountId },
      ctx,
      fakeClockExtras(emulator.baseUrl, clock, () => {
        if (clock.t > stopAt) abort.abort();
      }),
    ).catch((error: unknown) => {
      // The run ends by the abort: the job reports it as cancelled.
      if (!(error instanceof Error && error.name === "JobCancelledError")) throw error;
    });
  }

  it(
    "warms up, enters on the engine's signals, protects each fill on the exchange, lets a target fill and cancels its stop, and ends with ledger = exchange",
    { timeout: 240_000 },
    async () => {
      const account = await armedSessionAccount(handle.db, "session");
      await trade(account.id, 45 * MINUTE);

      const db = handle.db;
      const orders = await listLiveOrders(db, account.id);
      const entries = await listEntryIntents(db, account.id);
      const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
      expect(entries.length, "the legs entered during the session").toBeGreaterThan(0);
      for (const entry of entries) expect(entry.barCloseTime, "nothing entered on warm-up bars").toBeGreaterThan(SESSION_T0);

      const filled = entries.filter((e) => byId.get(legOrderId(e, "entry"))?.status === "filled");
      expect(filled.length).toBeGreaterThan(0);
      for (const entry of filled) {
        expect(byId.get(legOrderId(entry, "stop")), `entry ${entry.legId} @ ${entry.barCloseTime} got its exchange stop`).toBeDefined();
        expect(byId.get(legOrderId(entry, "stop"))?.reduceOnly).toBe(true);
      }
      const targetFilled = filled.filter((e) => byId.get(legOrderId(e, "take-profit"))?.status === "filled");
      expect(targetFilled.length, "a take-profit filled on the exchange").toBeGreaterThan(0);
      for (const entry of targetFilled) expect(byId.get(legOrderId(entry, "stop"))?.status, "its stop was cancelled").toBe("cancelled");

      // No duplicate order: every client id the exchange saw is one ledger order, sent once.
      const exchangeIds = emulator.account.knownOrders().map((o) => o.cliOrdId);
      expect(new Set(exchangeIds).size).toBe(exchangeIds.length);
      for (const id of exchangeIds) expect(byId.has(id ?? ""), `exchange order ${id} is in the ledger`).toBe(true);

      // Ledger = exchange: positions from the ledger's orders equal the emulator's, and the last reconciliation agrees.
      const ledger = new Map<string, number>();
      for (const leg of legPositions(entries, orders)) if (leg.qty > 0) ledger.set(leg.entry.symbol, (ledger.get(leg.entry.symbol) ?? 0) + (leg.entry.direction === "long" ? leg.qty : -leg.qty));
      const exchangeQty = emulator.account.positions().find((p) => p.symbol === "PF_XBTUSD")?.size ?? 0;
      expect(exchangeQty).toBeCloseTo(ledger.get("BTCUSDT.P") ?? 0, 9);
      const stored = await getLiveAccount(db, account.id);
      const reconciliation = liveReconciliationSchema.parse(stored?.lastReconciliation);
      expect(reconciliation.differences, JSON.stringify(reconciliation.differences)).toEqual([]);

      // Same decisions as paper: every live entry is a paper position of the same leg entered at the same bar, at a
      // price that differs by the real fill only; every paper entry the trader did not send has a refusal saying why.
      const paper = await listPaperPositions(db, account.paperAccountId, { limit: 1000 });
      const events = await listLiveEvents(db, account.id, { limit: 10_000 });
      for (const entry of entries) {
        const twin = paper.find((p) => p.legId === entry.legId && p.entryTime === entry.barCloseTime);
        expect(twin, `paper entered ${entry.legId} at ${entry.barCloseTime} too`).toBeDefined();
        const order = byId.get(legOrderId(entry, "entry"));
        const livePrice = order === undefined ? NaN : (averageFillPrice(order) ?? NaN);
        expect(Math.abs(livePrice / (twin?.entryPrice ?? NaN) - 1), "live and paper entry prices within 10 bps").toBeLessThan(0.001);
      }
      const refused = new Set(events.filter((e) => e.kind === "entry-refused").map((e) => JSON.stringify(e.detail)));
      for (const p of paper) {
        const sent = entries.some((e) => e.legId === p.legId && e.barCloseTime === p.entryTime);
        expect(sent || refused.has(JSON.stringify({ legId: p.legId, barCloseTime: p.entryTime })), `paper's ${p.legId} entry at ${p.entryTime} was sent or refused with a reason`).toBe(true);
      }

      // Stopped on request: the switch is disarmed, so the stops it leaves stay on the exchange.
      expect(events.map((e) => e.message)).toContain("dead man's switch disarmed: the trader stopped on request, its stops stay on the exchange");

      // Nothing stored carries the keys.
      const text = JSON.stringify({ orders, events, stored });
      expect(text).not.toContain(SESSION_KEY);
      expect(text).not.toContain(SESSION_SECRET);
    },
  );

  it("a position on the exchange the ledger does not know blocks entries on that instrument", { timeout: 240_000 }, async () => {
    const db = handle.db;
    // Someone traded by hand on the account: the emulator holds a long the new account's ledger knows nothing of.
    emulator.followCandles(clock.t);
    const held = emulator.account.positions().find((p) => p.symbol === "PF_XBTUSD")?.size ?? 0;
    expect(emulator.account.sendOrder({ symbol: "PF_XBTUSD", side: "buy", orderType: "mkt", size: 0.05 }).status).toBe("placed");
    const account = await armedSessionAccount(db, "stranger");
    await trade(account.id, 30 * MINUTE);

    const orders = await listLiveOrders(db, account.id);
    expect(orders.filter((o) => o.purpose === "entry"), "no entry was sent").toEqual([]);
    const events = await listLiveEvents(db, account.id, { limit: 10_000 });
    expect(events.some((e) => e.kind === "reconcile-finding" && /ledger/.test(e.message))).toBe(true);
    expect(events.some((e) => e.kind === "entry-refused"), "the engine's entries were refused, with why").toBe(true);
    expect(events.filter((e) => e.kind === "entry-refused").every((e) => e.message.includes("entries on BTCUSDT.P are blocked"))).toBe(true);
    // Only that instrument: the account stays active, for a person to look at the stranger.
    const stored = await getLiveAccount(db, account.id);
    expect(stored?.mode).toBe("active");
    const reconciliation = liveReconciliationSchema.parse(stored?.lastReconciliation);
    expect(reconciliation.blockedSymbols).toEqual(["BTCUSDT.P"]);
    expect(reconciliation.positions.rows.find((r) => r.symbol === "BTCUSDT.P")).toMatchObject({ exchangeQty: held + 0.05, ledgerQty: 0, differs: true });
  });
});
