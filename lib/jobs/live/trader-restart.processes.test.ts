import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { finishJob } from "@/db/queries/jobs";
import { listEntryIntents } from "@/db/queries/live-accounts";
import { listLiveEvents } from "@/db/queries/live-events";
import { listLiveOrders } from "@/db/queries/live-orders";
import { getAccount } from "@/db/queries/paper";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { legOrderId, legPositions } from "@/lib/trading/leg-positions";
import { armedSessionAccount, MINUTE, plantSessionKeys, SESSION_T0, startSessionEmulator, type SessionClock } from "./testing/live-session";

/** The trader as its own OS process (testing/trader-process.ts) on the test database; stdout tells its job id. */
function startTrader(url: string, accountId: string, emulatorUrl: string, startMs: number): { process: ChildProcess; jobId: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/live/testing/trader-process.ts", accountId, emulatorUrl, String(startMs)], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const jobId = new Promise<string>((resolve) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const match = /job ([0-9a-f-]{36})/.exec(chunk.toString());
      if (match?.[1]) resolve(match[1]);
    });
  });
  return { process: child, jobId };
}

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 150_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
}

describe("a live trader killed with an open position", () => {
  let handle: DatabaseHandle;
  let emulator: KrakenFuturesEmulator;
  let restoreKeys: () => void;
  const children: ChildProcess[] = [];
  const clock: SessionClock = { t: SESSION_T0 };
  beforeAll(async () => {
    handle = await openTestDatabase();
    restoreKeys = plantSessionKeys();
    emulator = await startSessionEmulator(clock, { clockFromRequests: true });
  });
  afterAll(async () => {
    for (const child of children) await killHard(child);
    restoreKeys?.();
    await emulator?.stop();
    await handle?.close();
  });

  it("leaves its stop to the dead man's switch, and a restarted trader finds the position, protects it again and trades on", { timeout: 360_000 }, async () => {
    const db = handle.db;
    const account = await armedSessionAccount(db);

    // 1. A trader runs until one of its entries is filled and protected on the exchange; then kill -9.
    const first = startTrader(handle.url, account.id, emulator.baseUrl, clock.t);
    children.push(first.process);
    const firstJob = await first.jobId;
    const protectedEntry = await until("a filled entry with its stop resting", async () => {
      const orders = await listLiveOrders(db, account.id);
      const byId = new Map(orders.map((o) => [o.clientOrderId, o]));
      return (await listEntryIntents(db, account.id)).find((e) => byId.get(legOrderId(e, "entry"))?.status === "filled" && byId.get(legOrderId(e, "stop"))?.status === "open");
    });
    await killHard(first.process);
    const position = () => emulator.account.positions().find((p) => p.symbol === "PF_XBTUSD")?.size ?? 0;
    const heldAtKill = position();
    expect(heldAtKill, "the killed trader left a position").not.toBe(0);
    expect(emulator.account.openOrders().some((o) => o.cliOrdId === legOrderId(protectedEntry, "stop"))).toBe(true);

    // 2. Nobody refreshes the switch: once it fires, Kraken cancels every resting order. The position stays.
    clock.t += 2 * MINUTE;
    expect(emulator.account.openOrders(), "the dead man's switch cancelled the resting orders").toEqual([]);
    expect(position()).toBe(heldAtKill);

    // 3. The sweep would fail the dead job after 45 s without a heartbeat; done at once here.
    await finishJob(db, firstJob, "failed", { error: "killed (kill -9)" });
    const restartedAt = clock.t;
    const second = startTrader(handle.url, account.id, emulator.baseUrl, restartedAt);
    children.push(second.process);
    await second.jobId;

    // 4. Its first reconciliation finds the position without its stop: a new stop goes on (or, if the market already
    // passed the stop price, the position is closed at market). Either way the position is not left bare.
    const restored = await until("the restarted trader's reconciliation to re-protect the position", async () => {
      const events = await listLiveEvents(db, account.id, { limit: 10_000 });
      return events.find((e) => (e.kind === "stop-replaced" || e.kind === "stop-crossed-flattened") && e.time >= restartedAt);
    });
    const orders = await listLiveOrders(db, account.id);
    const [leg] = legPositions([protectedEntry], orders);
    if (restored.kind === "stop-replaced") {
      const replacement = legOrderId(protectedEntry, "stop", 1);
      expect(orders.find((o) => o.clientOrderId === replacement)?.status, "the new stop has a new id and rests").toBe("open");
      expect(emulator.account.openOrders().some((o) => o.cliOrdId === replacement)).toBe(true);
    } else {
      expect(leg?.qty, "closed at market instead").toBe(0);
    }

    // 5. And it trades on: the decision engine commits bars after the restart.
    await until("a bar committed after the restart", async () => {
      const paper = await getAccount(db, account.paperAccountId);
      return (paper?.lastProcessedTime ?? 0) > restartedAt + 5 * MINUTE ? true : undefined;
    });
    await killHard(second.process);

    // Never an order twice: every client id the exchange saw, once.
    const sent = emulator.account.knownOrders().map((o) => o.cliOrdId);
    expect(new Set(sent).size).toBe(sent.length);
  });
});
