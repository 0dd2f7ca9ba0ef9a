import { expect, test } from "@playwright/test";
import type { DatabaseHandle } from "../db/client";
import { getJob, requestJobCancel } from "../db/queries/jobs";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "../lib/exchange/testing/kraken-futures-emulator";
import { stopJobQueue } from "../lib/jobs/job-queue";
import { launchLiveJob } from "../lib/jobs/live/launch-live-job";
import { differingReconciliation, removeSeededLiveAccount, SEED_BALANCE, SEED_SYMBOL, seedLiveAccount, type SeededLiveAccount } from "../lib/jobs/live/testing/seed-live-account";
import { openE2eDatabase } from "./e2e-database";
import { LivePage } from "./pages/live-page";
import { plantedIn, tablesHoldingPlanted } from "./planted-scan";
import { PLANTED_API_KEY, PLANTED_API_SECRET, PLANTED_EXCHANGE_PORT } from "./planted-secrets";

/*
 * The Live page on rows seeded as the trader writes them (an armed demo account whose last reconciliation found the
 * exchange holding more than the ledger): no trader runs, so the halt is the mode change and its log entry only.
 */
test.describe("the Live page", () => {
  let store: DatabaseHandle;
  let seeded: SeededLiveAccount;
  test.beforeAll(async () => {
    store = await openE2eDatabase();
    const now = Date.now();
    seeded = await seedLiveAccount(store.db, { name: "e2e demo account", armedBy: "e2e (seed)", reconciliation: differingReconciliation(now), balance: SEED_BALANCE(now) });
  });
  test.afterAll(async () => {
    if (seeded) await removeSeededLiveAccount(store.db, seeded);
    await store?.close();
  });

  test("shows the demo account and the position difference; the kill switch halts it after a confirmation, logged with who", async ({ page }) => {
    const live = new LivePage(page);
    await live.open(seeded.live.id);
    await expect(page.getByTestId("live-environment")).toHaveAttribute("data-environment", "demo");
    await expect(page.getByTestId("live-environment")).toHaveText(/demo/i);
    await expect(page.getByTestId("live-armed")).toHaveAttribute("data-armed", "true");
    await expect(live.mode).toHaveAttribute("data-mode", "active");
    const differing = live.positionRow(SEED_SYMBOL);
    await expect(differing, "the exchange's 0.2 beside the ledger's 0.1 is highlighted").toHaveAttribute("data-differs", "true");
    await expect(differing).toHaveClass(/live-differs/);
    await expect(differing).toContainText("long 0.2");
    await expect(differing).toContainText("long 0.1");
    await expect(live.positionRow("ETHUSDT.P")).toHaveAttribute("data-differs", "false");

    const dialog = await live.halt();
    await expect(dialog, "the dialog names the account and where it trades").toContainText("e2e demo account");
    await expect(dialog).toContainText("Kraken Futures demo");
    await expect(dialog).toContainText("cancels every open order");
    await dialog.getByTestId("live-confirm-cancel").click();
    await expect(live.dialog).toBeHidden();
    await expect(live.mode, "cancel changes nothing").toHaveAttribute("data-mode", "active");

    await live.halt();
    await live.confirm();
    await expect(live.mode).toHaveAttribute("data-mode", "halted");
    await expect(live.event("mode-change").first()).toContainText(`dashboard (loopback, no access token) moved account ${seeded.live.id} from active to halted: kill switch`);
    await expect(page.getByTestId("live-halt"), "a halted account has no halt button").toHaveCount(0);
    await expect(page.getByTestId("live-resume")).toBeVisible();
  });

  test("on a 390 px phone the page does not scroll sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const live = new LivePage(page);
    await live.open(seeded.live.id);
    await expect(page.getByTestId("live-positions")).toBeVisible();
    await expect(page.getByTestId("live-events")).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, "the page is no wider than the screen").toBeLessThanOrEqual(0);
  });
});

/*
 * The same kill switch with the account's trader running in the e2e server's worker, against the Kraken Futures
 * emulator the server's EXCHANGE_BASE_URL points at: a position and a resting order the ledger does not know are on
 * the exchange; after the halt the exchange account must be flat with nothing resting.
 */
test.describe("the kill switch with a trader running", () => {
  test.describe.configure({ timeout: 240_000 });
  const DAY = 86_400_000;
  let store: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  let seeded: SeededLiveAccount;
  let jobId: string | undefined;
  test.beforeAll(async () => {
    const now = Date.now();
    // Candles up to the real clock (the trader's live feed warms up on five days of them), prices following them.
    emulator = await startKrakenFuturesEmulator({
      port: PLANTED_EXCHANGE_PORT,
      credentials: { apiKey: PLANTED_API_KEY, secret: PLANTED_API_SECRET },
      candleStartMs: now - 7 * DAY,
      candleEndMs: now + DAY,
      fundingStartMs: now - 7 * DAY,
      fundingEndMs: now + DAY,
      account: { balanceUsd: 50_000 },
      priceClock: () => Date.now(),
    });
    emulator.followCandles(now);
    const last = emulator.account.price("PF_XBTUSD")?.last ?? 0;
    expect(emulator.account.sendOrder({ symbol: "PF_XBTUSD", side: "buy", orderType: "mkt", size: 0.01 }).status).toBe("placed");
    expect(emulator.account.sendOrder({ symbol: "PF_XBTUSD", side: "buy", orderType: "lmt", size: 0.01, limitPrice: Math.round(last * 0.95) }).status).toBe("placed");
    store = await openE2eDatabase();
    seeded = await seedLiveAccount(store.db, { name: "e2e trader account", armedBy: "e2e (seed)" });
    jobId = (await launchLiveJob(store, seeded.live.id)).job.id;
  });
  test.afterAll(async () => {
    if (jobId !== undefined) {
      await requestJobCancel(store.db, jobId);
      const id = jobId;
      // The trader ends before its rows go, and the emulator it talks to stays up until then.
      await expect.poll(async () => (await getJob(store.db, id))?.status, { timeout: 60_000 }).toMatch(/cancelled|failed|succeeded/);
    }
    await stopJobQueue();
    if (seeded) await removeSeededLiveAccount(store.db, seeded);
    await store?.close();
    await emulator?.stop();
  });

  test("after the halt the exchange account is flat and has no open order", async ({ page }) => {
    const live = new LivePage(page);
    await live.open(seeded.live.id);
    await expect(page.getByTestId("live-reconciliation"), "the trader reconciled with the emulator").toHaveAttribute("data-state", "differs", { timeout: 120_000 });
    await expect(live.positionRow(SEED_SYMBOL)).toHaveAttribute("data-differs", "true");
    await expect(page.getByTestId("live-open-order-row")).toHaveCount(1);
    expect(emulator.account.positions(), "the position is still open before the halt").toHaveLength(1);

    await live.halt();
    await live.confirm();
    await expect(live.mode).toHaveAttribute("data-mode", "halted");
    await expect(live.event("mode-change").first()).toContainText(/dashboard \(loopback, no access token\) moved account .* to halted: kill switch/);
    await expect.poll(() => emulator.account.positions().length, { message: "the exchange account is flat", timeout: 60_000 }).toBe(0);
    await expect.poll(() => emulator.account.openOrders().length, { message: "no order rests on the exchange", timeout: 60_000 }).toBe(0);
    await expect(live.event("halt-flatten").first()).toBeVisible({ timeout: 30_000 });
    // A trader holding the planted keys wrote these rows and answers: neither key is in any of them.
    expect(await tablesHoldingPlanted(), "tables holding a planted key").toEqual([]);
    const monitor = await (await page.request.get(`/api/live/${seeded.live.id}`)).text();
    expect(plantedIn(monitor), "the live monitor's answer").toEqual([]);
    expect(plantedIn(await page.content()), "the Live page").toEqual([]);

    // Its decision account is a live-feed paper account: the paper monitor shows it (its period has no end).
    await page.goto(`/paper?account=${seeded.paper.id}`);
    await expect(page.getByTestId("paper-monitor")).toContainText("live since");
    // On a phone its monitor fits the screen (the paper page's two-column grid once asked for 380 px plus padding).
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: "the paper page is no wider than a 390 px phone" }).toBeLessThanOrEqual(0);
  });
});
