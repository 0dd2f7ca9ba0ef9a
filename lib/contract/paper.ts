import { z } from "zod";
import { timeframeSchema } from "@/lib/market/timeframe";
import { jobSchema } from "./jobs";

export const paperAccountStatusSchema = z.enum(["stopped", "running", "paused", "halted"]);
const sideSchema = z.enum(["long", "short"]);

export const paperAccountSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  /** As presented (lib/jobs/paper/account-driver.ts): `stopped` for an account whose job died, whatever its row says. */
  status: paperAccountStatusSchema,
  feed: z.enum(["live", "replay"]),
  /** Why it stopped: the failure that halted it, or that its worker stopped. */
  error: z.string().nullable(),
  jobId: z.string().nullable(),
  /** A job (in any process) drives the account now. */
  driven: z.boolean(),
  /** Resume does something: flips a paused account back, or starts a new job from the saved state. */
  resumable: z.boolean(),
  createdAt: z.string(),
  startingEquity: z.number(),
  equity: z.number(),
  lastProcessedTime: z.number().nullable(),
  from: z.number(),
  to: z.number(),
  speedMs: z.number(),
  finished: z.boolean(),
  legs: z.array(z.object({ id: z.string(), symbol: z.string(), hypothesisId: z.string(), hypothesisName: z.string(), timeframe: timeframeSchema })),
});
export type PaperAccountSummary = z.infer<typeof paperAccountSummarySchema>;

/** GET /api/paper: the accounts (newest first) and the final report's recommended pairs (the start form's default). */
export const paperAccountsSchema = z.object({
  accounts: z.array(paperAccountSummarySchema),
  recommended: z.array(z.object({ hypothesisId: z.string(), symbol: z.string() })),
});
export type PaperAccountsJson = z.infer<typeof paperAccountsSchema>;

/** POST /api/paper (202): the new account and the job that drives it. */
export const paperStartedSchema = z.object({ accountId: z.string(), job: jobSchema });
export type PaperStartedJson = z.infer<typeof paperStartedSchema>;

/** POST /api/paper/[id]/status: the account's status after the change. */
export const paperStatusSchema = z.object({ id: z.string(), status: paperAccountStatusSchema });
export type PaperStatusJson = z.infer<typeof paperStatusSchema>;

/** GET /api/paper/[id]: everything the monitor shows, polled about once a second. */
export const paperMonitorSchema = z.object({
  account: paperAccountSummarySchema,
  summary: z.object({ equity: z.number(), realised: z.number(), returnPct: z.number(), openPositions: z.number(), trades: z.number() }),
  equity: z.array(z.object({ time: z.number(), equity: z.number() })),
  positions: z.array(
    z.object({
      id: z.string(),
      legId: z.string(),
      symbol: z.string(),
      timeframe: z.string(),
      side: sideSchema,
      entryTime: z.number(),
      entryPrice: z.number(),
      qty: z.number(),
      stop: z.number(),
      target: z.number(),
      funding: z.number(),
      unrealised: z.number(),
    }),
  ),
  signals: z.array(
    z.object({ id: z.number(), time: z.number(), kind: z.enum(["signal", "entry_blocked"]), legId: z.string().nullable(), reason: z.string().nullable(), stage: z.string().nullable() }),
  ),
  fills: z.array(z.object({ id: z.number(), time: z.number(), legId: z.string(), kind: z.string(), side: z.enum(["buy", "sell"]), price: z.number(), qty: z.number(), fee: z.number() })),
  breaker: z.object({
    dailyHalted: z.boolean(),
    /** Entries resume at the next UTC midnight after the day the limit tripped. */
    dailyPausedUntil: z.number().nullable(),
    lastDailyLimitAt: z.number().nullable(),
    dayStartEquity: z.number().nullable(),
    peakEquity: z.number().nullable(),
    drawdownHaltedAt: z.number().nullable(),
    /** Entries refused per reason (lib/backtest BlockedCounts). */
    blocked: z.record(z.string(), z.number()).nullable(),
  }),
  feed: z.object({
    kind: z.enum(["replay", "live"]),
    speedMs: z.number(),
    barsPerSecond: z.number().nullable(),
    lastBarTime: z.number().nullable(),
    updatedAt: z.number().nullable(),
    stale: z.boolean(),
    finished: z.boolean(),
    /** Live feed only: the exchange feed's last reported state, null for a replay. */
    live: z
      .object({ state: z.enum(["live", "stale", "error"]), at: z.number(), lastBarClose: z.number().nullable(), sinceMs: z.number().optional(), message: z.string().optional() })
      .nullable(),
  }),
  job: z.object({ id: z.string(), status: z.string(), progressDone: z.number(), progressTotal: z.number(), step: z.string().nullable() }).nullable(),
});
export type PaperMonitorJson = z.infer<typeof paperMonitorSchema>;

const comparisonSideSchema = z.object({
  trades: z.number(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  tradesPerDay: z.number().nullable(),
  averageHoldMinutes: z.number().nullable(),
});
export type ComparisonSide = z.infer<typeof comparisonSideSchema>;

export const paperComparisonRowSchema = z.object({
  hypothesisId: z.string(),
  hypothesisName: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  paper: comparisonSideSchema,
  backtest: comparisonSideSchema
    .extend({
      runId: z.string(),
      /** The run's own period (epoch ms). */
      from: z.number(),
      to: z.number(),
      winRateInterval: z.object({ lower: z.number(), upper: z.number() }).nullable(),
      /** The run's trades opened and closed within the period paper has traded (lib/paper/period-trade-stats). */
      samePeriod: comparisonSideSchema,
      /** The run spans the whole paper period: otherwise `samePeriod` counts only the part both traded. */
      coversPaperPeriod: z.boolean(),
    })
    .nullable(),
  /** Paper's win rate against the backtest's Wilson 95% interval, judged only from the minimum trade count (lib/paper/paper-drift). */
  drift: z.object({
    state: z.enum(["no_comparison", "too_few_trades", "drift", "in_line"]),
    direction: z.enum(["better", "worse"]).nullable(),
    trades: z.number(),
    minTrades: z.number(),
  }),
});
export type PaperComparisonRow = z.infer<typeof paperComparisonRowSchema>;

/** GET /api/paper/[id]/comparison: paper vs backtest per hypothesis × instrument, over the period paper has traded (epoch ms; null before its first bar). */
export const paperComparisonSchema = z.object({ period: z.object({ from: z.number(), to: z.number() }).nullable(), rows: z.array(paperComparisonRowSchema) });
export type PaperComparisonJson = z.infer<typeof paperComparisonSchema>;

/** GET /api/paper/[id]/candles: the visible range's candles with the account's entries and exits there. */
export const paperCandlesSchema = z.object({
  symbol: z.string(),
  timeframe: timeframeSchema,
  candles: z.array(z.object({ time: z.number(), open: z.number(), high: z.number(), low: z.number(), close: z.number(), volume: z.number() })),
  markers: z.array(z.object({ time: z.number(), kind: z.enum(["entry", "exit"]), side: sideSchema, price: z.number(), reason: z.string().nullable(), legId: z.string() })),
});
export type PaperCandlesJson = z.infer<typeof paperCandlesSchema>;
