import { AuthenticationError, type Exchange } from "ccxt";
import { z } from "zod";
import type { Database } from "@/db/client";
import { getLiveAccount } from "@/db/queries/live-accounts";
import { databaseOrderStore } from "@/db/queries/live-orders";
import { postAlert } from "@/lib/alerts/post-alert";
import { getConfig } from "@/lib/config";
import { createExchange } from "@/lib/exchange/create-exchange";
import { causeText } from "@/lib/exchange/describe-remote-failure";
import { credentialsFromEnvironment } from "@/lib/exchange/exchange-credentials";
import { KrakenFuturesBroker } from "@/lib/exchange/kraken-futures-broker";
import type { RetryOptions } from "@/lib/exchange/with-retry";
import { JobCancelledError, type JobContext } from "../job-context";
import { isJobCancelRequested } from "@/db/queries/jobs";
import { setAccountStatus } from "@/db/queries/paper";
import { errorMessage } from "@/lib/error-message";
import { runPaperAccount, type PaperRunOptions, type PaperRunResult } from "../paper/run-paper-account";
import { LiveAccountError } from "./errors";
import { LiveTrader } from "./live-trader";

/** The job that trades one live account. Started by `npm run live -- start` (a worker runs it) or in the CLI's process. */
export const LIVE_JOB_KIND = "live";

export const liveJobParamsSchema = z.strictObject({ accountId: z.uuid("a live account id is a UUID") });
export type LiveJobParams = z.infer<typeof liveJobParamsSchema>;

export interface LiveJobExtras {
  readonly signal?: AbortSignal;
  /** A Kraken Futures emulator on this machine instead of Kraken (EXCHANGE_BASE_URL; tests). */
  readonly exchangeBaseUrl?: string;
  /** Test seams of the live feed's loop (fake clock, fast polls). */
  readonly run?: Pick<PaperRunOptions, "now" | "sleep" | "livePollMs" | "statusPollMs" | "onCommit">;
  readonly retry?: RetryOptions;
  /** Spacing of the trader's requests; default ccxt's own for Kraken (tests against the emulator need none). */
  readonly rateLimitMs?: number;
}

/** A client with the environment's keys, proven by a private read: a missing or refused key stops here, saying which. */
async function checkedExchange(sandbox: boolean, baseUrl: string | undefined, rateLimitMs: number | undefined): Promise<Exchange> {
  if (credentialsFromEnvironment("krakenfutures") === undefined) {
    throw new LiveAccountError("LIVE_NO_KEYS", "KRAKEN_FUTURES_API_KEY and KRAKEN_FUTURES_API_SECRET are not set in the trading process's environment: a live account trades with keys from the environment only");
  }
  const exchange = createExchange({ ...(baseUrl ? { baseUrl } : {}), sandbox, ...(rateLimitMs === undefined ? {} : { rateLimitMs }) });
  try {
    await exchange.fetchBalance();
  } catch (error) {
    if (error instanceof AuthenticationError) throw new LiveAccountError("LIVE_KEYS_REFUSED", `Kraken ${sandbox ? "demo" : "production"} refused the keys in KRAKEN_FUTURES_API_KEY/SECRET: ${causeText(error)}`, { cause: error });
    // Anything else (the network) is the trader's to report and retry: it starts with positions unknown.
  }
  return exchange;
}

/**
 * Trades the account until it is stopped or the job is cancelled: checks the keys with a private read first (a
 * missing or refused key fails the job with a message saying which), then runs the account's paper engine on the
 * live feed with a LiveTrader executing its decisions. Demo accounts talk to Kraken's demo environment.
 */
export async function runLiveJob(db: Database, { accountId }: LiveJobParams, ctx: JobContext, extras: LiveJobExtras = {}): Promise<PaperRunResult> {
  const account = await getLiveAccount(db, accountId);
  if (account === undefined) throw new LiveAccountError("LIVE_ACCOUNT_NOT_FOUND", `no live account ${accountId}`);
  const sandbox = account.environment === "demo";
  const baseUrl = extras.exchangeBaseUrl;
  const signal = extras.signal ? AbortSignal.any([ctx.signal, extras.signal]) : ctx.signal;
  const retry: RetryOptions = { ...extras.retry, signal };
  let exchange: Exchange;
  try {
    exchange = await checkedExchange(sandbox, baseUrl, extras.rateLimitMs);
  } catch (error) {
    // A trader that cannot start is halted with why, not left looking orphaned (the sweep would start it again).
    await setAccountStatus(db, account.paperAccountId, "halted", { error: errorMessage(error) });
    throw error;
  }
  const config = getConfig();
  const broker = new KrakenFuturesBroker({ exchange, store: databaseOrderStore(db, accountId), retry, ...(extras.run?.now ? { now: extras.run.now } : {}) });
  const trader = new LiveTrader({
    db,
    account,
    broker,
    log: (message) => ctx.log(message),
    alert: async (alert) => {
      const delivery = await postAlert(config, alert);
      if (!delivery.delivered && config.alerts.webhookUrl !== undefined) await ctx.log(`alert not delivered: ${delivery.reason}`);
    },
  });
  const result = await runPaperAccount(db, account.paperAccountId, {
    progress: ctx.progress,
    log: (message) => ctx.log(message),
    jobId: ctx.jobId,
    signal,
    retry,
    trader,
    exchangeSandbox: sandbox,
    ...(baseUrl ? { exchangeBaseUrl: baseUrl } : {}),
    ...extras.run,
  });
  if (signal.aborted || (await isJobCancelRequested(db, ctx.jobId))) throw new JobCancelledError();
  return result;
}
