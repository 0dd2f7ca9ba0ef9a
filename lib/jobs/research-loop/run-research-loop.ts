import type { Database } from "@/db/client";
import { candleCoverage } from "@/db/queries/candles";
import { aliveJobsOfKind } from "@/db/queries/jobs";
import { applyLifecycleMoves, listTrackedPairs, type AppliedMove } from "@/db/queries/lifecycle";
import { readResearchLoopSettings } from "@/db/queries/research-loop-settings";
import type { AppConfig } from "@/lib/config-schema";
import { errorMessage } from "@/lib/error-message";
import { formatUtcMinute } from "@/lib/format";
import { decideLifecycleMoves, type LifecycleMove } from "@/lib/lifecycle/decide-lifecycle-moves";
import type { PostAlertOptions } from "@/lib/alerts/post-alert";
import { fetchMarketData } from "../fetch-market-data";
import type { JobContext } from "../job-context";
import { launchPaperJob } from "../paper/launch-paper-job";
import { runPipeline } from "../run-pipeline";
import { edgeAnalysisSince, tradingEvidence } from "./loop-evidence";
import { notifyMoves } from "./notify-moves";
import { abandonAccount, createPromotedAccount, stopEmptiedAccounts } from "./promoted-account";
import { RESEARCH_LOOP_JOB_KIND, researchLoopParamsSchema, type ResearchLoopParams } from "./research-loop-params";

const DAY_MS = 86_400_000;

/** A loop run refused before it changed anything, with a message for people. */
export class ResearchLoopError extends Error {
  constructor(
    readonly code: "RESEARCH_LOOP_BUSY" | "RESEARCH_LOOP_NO_DATA",
    message: string,
  ) {
    super(message);
    this.name = "ResearchLoopError";
  }
}

export interface ResearchLoopReport {
  readonly trigger: "schedule" | "manual";
  readonly window: { readonly fromMs: number; readonly toMs: number; readonly days: number };
  readonly fetched: number | null;
  readonly batchId: string | null;
  readonly moves: { readonly hypothesisId: string; readonly symbol: string; readonly from: string | null; readonly to: string }[];
  readonly paperAccountId: string | null;
  readonly notifications: { readonly delivered: number; readonly failed: number };
}

export interface ResearchLoopIo {
  /** Where the fetch goes: the operator's EXCHANGE_BASE_URL (the emulator in tests), never a parameter. */
  readonly exchangeBaseUrl?: string;
  readonly resultsDir?: string;
  readonly alerts?: PostAlertOptions;
}

/**
 * One run of the autonomous research loop: fetch new candles and funding (unless the settings turn it off), re-run
 * the pipeline (discovery, backtest, learning, analysis, report) on the rolling window ending at the newest stored
 * candle, then move every hypothesis × instrument through its lifecycle as the new verdicts and the paper results
 * call for: promoted pairs start a live-feed paper account, a paper account left with nothing to trade is stopped,
 * and each move is an event with its reason and numbers, announced on the webhook. Never moves anything to live.
 */
export async function runResearchLoop(db: Database, config: AppConfig, rawParams: ResearchLoopParams, ctx: JobContext, io: ResearchLoopIo = {}): Promise<ResearchLoopReport> {
  const params = researchLoopParamsSchema.parse(rawParams);
  const store = { db, url: ctx.queueUrl };
  const other = (await aliveJobsOfKind(db, RESEARCH_LOOP_JOB_KIND)).find((j) => j.id !== ctx.jobId && j.status === "running");
  if (other) throw new ResearchLoopError("RESEARCH_LOOP_BUSY", `another research loop (job ${other.id}) is running: this run did nothing; one loop runs at a time`);
  const settings = await readResearchLoopSettings(db);
  await ctx.log(
    `research loop (${params.trigger}): ${settings.windowDays}-day window, fetch ${settings.fetch ? "on" : "off"}, retrain ${settings.retrain ? "on" : "off"}, auto-promote ${settings.autoPromote ? "on" : "off"}, auto-demote ${settings.autoDemote ? "on" : "off"}`,
  );

  let fetched: number | null = null;
  if (settings.fetch) {
    const report = await fetchMarketData(
      db,
      { exchange: "krakenfutures", symbols: config.instruments, timeframes: ["1m", ...config.timeframes], months: config.dataLookbackMonths, funding: true },
      (done, total, step) => ctx.progress(done, total, `fetch: ${step ?? ""}`),
      { log: (m) => ctx.log(`  ${m}`), exchangeBaseUrl: io.exchangeBaseUrl },
    );
    fetched = report.series.reduce((n, s) => n + s.written, 0);
    await ctx.log(`fetched ${fetched.toLocaleString("en-US")} new candles and ${report.funding.reduce((n, f) => n + f.written, 0)} funding rates`);
  }

  const coverage = (await candleCoverage(db)).filter((c) => config.instruments.includes(c.symbol));
  const missing = config.instruments.filter((s) => !coverage.some((c) => c.symbol === s));
  if (missing.length > 0) {
    throw new ResearchLoopError("RESEARCH_LOOP_NO_DATA", `no candles are stored for ${missing.join(", ")}: turn fetch on in the loop's settings, or fetch or import them first`);
  }
  const toMs = Math.max(...coverage.map((c) => c.last));
  const fromMs = toMs - settings.windowDays * DAY_MS;
  await ctx.log(`window: ${formatUtcMinute(fromMs)} → ${formatUtcMinute(toMs)} UTC`);

  const pipelineStarted = new Date();
  await runPipeline(db, config, { mode: "full", quick: false, noFetch: true, learn: settings.retrain, symbols: config.instruments, fromMs, hypothesesFile: params.hypothesesFile }, {
    progress: (phase) => (done, total, step) => ctx.progress(done, total, step ? `pipeline ${phase}: ${step}` : `pipeline ${phase}`),
    say: (line) => ctx.log(line),
    queueUrl: ctx.queueUrl,
    jobId: ctx.jobId,
    signal: ctx.signal,
    exchangeBaseUrl: io.exchangeBaseUrl,
    resultsDir: io.resultsDir,
  });

  const steps = 4;
  await ctx.progress(0, steps, "lifecycle: reading the evidence");
  const research = await edgeAnalysisSince(db, pipelineStarted);
  if (!research) await ctx.log("the pipeline stored no edge analysis: no move rests on research this run", "warn");
  const tracked = await listTrackedPairs(db);
  const trading = await tradingEvidence(db, tracked, config.edgeThresholds.minTrades);
  let moves = decideLifecycleMoves(tracked, { research, ...trading, minTrades: config.edgeThresholds.minTrades }, settings);

  await ctx.progress(1, steps, "lifecycle: promoting");
  const promoted = moves.filter((m) => m.to === "paper");
  let accountId: string | null = null;
  if (promoted.length > 0) {
    try {
      accountId = (await createPromotedAccount(db, config, promoted)).id;
    } catch (error) {
      await ctx.log(`could not open a paper account for ${promoted.length} promoted pair(s), so they stay passed: ${errorMessage(error)}`, "error");
      moves = moves.filter((m) => m.to !== "paper");
    }
  }
  const pairAccount = new Map(tracked.map((p) => [`${p.hypothesisId}|${p.symbol}`, p.paperAccountId]));
  const applied: AppliedMove[] = moves.map((m) => withAccount(m, accountId, pairAccount.get(`${m.hypothesisId}|${m.symbol}`) ?? null));
  let eventIds: number[];
  try {
    eventIds = await applyLifecycleMoves(db, applied, { jobId: ctx.jobId });
  } catch (error) {
    if (accountId) await abandonAccount(db, accountId, errorMessage(error));
    throw error;
  }
  for (const m of moves) await ctx.log(`${m.hypothesisName} on ${m.symbol}: ${m.from ?? "untracked"} → ${m.to} (${m.actor.kind === "loop" ? "research loop" : m.actor.name}). ${m.reason}`);

  await ctx.progress(2, steps, "lifecycle: paper accounts");
  if (accountId) {
    try {
      const { job } = await launchPaperJob(store, accountId);
      await ctx.log(`paper account ${accountId} started for the promoted pairs (job ${job.id})`);
    } catch (error) {
      await ctx.log(`paper account ${accountId} holds the promoted pairs but could not be started: ${errorMessage(error)}; resume it on the Paper page`, "error");
    }
  }
  const left = moves.filter((m) => m.from === "paper" && m.to !== "live").flatMap((m) => pairAccount.get(`${m.hypothesisId}|${m.symbol}`) ?? []);
  for (const line of await stopEmptiedAccounts(store, left)) await ctx.log(line);

  await ctx.progress(3, steps, "lifecycle: notifying");
  const notified = await notifyMoves(db, config, eventIds.map((eventId, i) => ({ eventId, move: moves[i] as LifecycleMove })), io.alerts);
  for (const f of notified.failed) await ctx.log(`the webhook notification of lifecycle event ${f.eventId} was not delivered: ${f.reason}`, "warn");
  for (const m of moves) if (m.personMust) await ctx.log(m.personMust, "warn");
  await ctx.progress(steps, steps, "done");
  return {
    trigger: params.trigger,
    window: { fromMs, toMs, days: settings.windowDays },
    fetched,
    batchId: research?.batchId ?? null,
    moves: moves.map((m) => ({ hypothesisId: m.hypothesisId, symbol: m.symbol, from: m.from, to: m.to })),
    paperAccountId: accountId,
    notifications: { delivered: notified.delivered, failed: notified.failed.length },
  };
}

/** The paper account a move leaves the pair on: the new account when promoted, the same one into live, none otherwise. */
function withAccount(move: LifecycleMove, promotedAccountId: string | null, current: string | null): AppliedMove {
  if (move.to === "paper") {
    const evidence = move.evidence.kind === "promotion" ? { ...move.evidence, paperAccountId: promotedAccountId } : move.evidence;
    return { ...move, evidence, paperAccountId: promotedAccountId };
  }
  return { ...move, paperAccountId: move.to === "live" ? current : null };
}
