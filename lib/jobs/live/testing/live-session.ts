import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { createJob, markJobRunning, touchJobHeartbeat } from "@/db/queries/jobs";
import { armLiveAccount, type LiveAccountRow } from "@/db/queries/live-accounts";
import { configSchema } from "@/lib/config-schema";
import { plantExchangeKeys } from "@/lib/exchange/testing/plant-exchange-keys";
import { startKrakenFuturesEmulator, type KrakenFuturesEmulator } from "@/lib/exchange/testing/kraken-futures-emulator";
import { hypothesis } from "@/lib/paper/testing/test-hypothesis";
import { instantRetry } from "@/lib/exchange/testing/instant-retry";
import type { JobContext } from "../../job-context";
import type { LiveJobExtras } from "../live-job";
import { createLiveAccount } from "../create-live-account";

export const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A fixed past window: the emulator's synthetic candles depend on it, so every run sees the same market. */
export const SESSION_END = Date.UTC(2026, 9, 20);
export const SESSION_START = SESSION_END - 7 * 24 * HOUR;
/** Where the fake clock starts: the trader warms up on the five days before. */
export const SESSION_T0 = SESSION_END - 6 * HOUR;

export const SESSION_KEY = "PLANTED-LIVE-KEY-5b7d20c4e1";
export const SESSION_SECRET = randomBytes(64).toString("base64");

/**
 * Busy legs, so a 45-minute session trades: two RSI longs, on 5m with ATR exits and on 2m with tight bps exits. Both
 * long: Kraken nets an instrument into one position, so legs of opposite sides cannot both hold one (see LiveTrader).
 */
export const SESSION_HYPOTHESES = [
  hypothesis({ id: "live-rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 120 }),
  hypothesis({ id: "live-rsi-long-2m", timeframe: "2m", direction: "long", entryConditions: ["RSI(14) < 48"], stopLoss: "15 bps", target: "12 bps", maxHoldMinutes: 30 }),
];

/** The fake clock the emulator's account, its prices and the trader all read. */
export interface SessionClock {
  t: number;
}

/** Plants the session's keys in the environment (the only place the trader reads them from); returns the undo. */
export function plantSessionKeys(): () => void {
  return plantExchangeKeys(SESSION_KEY, SESSION_SECRET);
}

/** An emulator with the planted keys whose market follows its candles on `clock`. */
export function startSessionEmulator(clock: SessionClock, options: { port?: number; balanceUsd?: number; clockFromRequests?: boolean } = {}): Promise<KrakenFuturesEmulator> {
  return startKrakenFuturesEmulator({
    seed: 11,
    candleStartMs: SESSION_START,
    candleEndMs: SESSION_END,
    fundingStartMs: SESSION_START,
    fundingEndMs: SESSION_END,
    credentials: { apiKey: SESSION_KEY, secret: SESSION_SECRET },
    account: { now: () => clock.t, balanceUsd: options.balanceUsd ?? 50_000, slippage: 0.0002 },
    priceClock: () => clock.t,
    ...(options.clockFromRequests ? { controlledClock: clock } : {}),
    ...(options.port === undefined ? {} : { port: options.port }),
  });
}

/** A demo live account on BTC with both legs, armed by "test", with caps the legs' sizes fit under. */
export async function armedSessionAccount(db: Database, name = "session"): Promise<LiveAccountRow> {
  await upsertHypotheses(db, SESSION_HYPOTHESES, "custom");
  const account = await createLiveAccount(db, configSchema.parse({}), {
    name,
    hypothesisIds: SESSION_HYPOTHESES.map((h) => h.id),
    symbols: ["BTCUSDT.P"],
    limits: { maxOrderNotional: 40_000, maxAccountNotional: 45_000, maxOrdersPerMinute: 30, deadMansSwitchSeconds: 60, deadMansSwitchRefreshSeconds: 20, reconcileSeconds: 60 },
  });
  await armLiveAccount(db, account.id, "test", SESSION_T0, "armed by the test");
  return account;
}

/** A job row and a context for running the live job in this process. */
export async function sessionJobContext(db: Database, accountId: string, signal: AbortSignal): Promise<JobContext> {
  const job = await createJob(db, "live", { accountId });
  await markJobRunning(db, job.id, "test");
  // Progress beats the job's heartbeat, as a worker's context does: the account stays this job's while it runs.
  return { jobId: job.id, signal, queueUrl: "", progress: () => touchJobHeartbeat(db, job.id), log: async () => {}, complete: async () => {} };
}

/**
 * The live job's seams for a run on `clock`: requests unpaced, retries instant, a poll a minute, the status every
 * 15 s; each pause moves the clock, then calls `afterSleep` (stop the run, tell another process the time).
 */
export function fakeClockExtras(emulatorUrl: string, clock: SessionClock, afterSleep: () => Promise<void> | void): LiveJobExtras {
  return {
    exchangeBaseUrl: emulatorUrl,
    retry: instantRetry(),
    rateLimitMs: 1,
    run: {
      now: () => clock.t,
      livePollMs: MINUTE,
      statusPollMs: 15_000,
      sleep: async (ms) => {
        clock.t += ms;
        await afterSleep();
      },
    },
  };
}
