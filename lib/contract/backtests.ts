import { z } from "zod";
import type { RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";

export const tradeReasonSchema = z.enum(["target", "stop", "time", "end_of_data"]);
export const TRADE_REASONS = tradeReasonSchema.options;

/** A price excursion while a trade was open: a fraction of the entry price and USDT for the trade's quantity. */
const excursionSchema = z.object({ fraction: z.number(), usdt: z.number() });

/** One closed trade of a run as GET /api/backtests/runs/[runId]/trades sends it (times in epoch ms, money in USDT). */
export const tradeSchema = z.object({
  seq: z.number(),
  side: z.enum(["long", "short"]),
  entryTime: z.number(),
  entryPrice: z.number(),
  exitTime: z.number(),
  exitPrice: z.number(),
  qty: z.number(),
  stop: z.number(),
  target: z.number(),
  reason: tradeReasonSchema,
  entryFee: z.number(),
  exitFee: z.number(),
  funding: z.number(),
  slippage: z.number(),
  grossPnl: z.number(),
  netPnl: z.number(),
  r: z.number(),
  regime: z.string(),
  barsHeld: z.number(),
  ambiguity: z.enum(["none", "minute_data", "assumed_stop"]),
  /** Maximum adverse / favourable excursion over the bars the trade was open; null when those candles are missing. */
  mae: excursionSchema.nullable(),
  mfe: excursionSchema.nullable(),
});
export type TradeJson = z.infer<typeof tradeSchema>;

/** A page of a run's trades; `total` counts the filtered trades before paging. */
export const tradesPageSchema = z.object({ total: z.number(), trades: z.array(tradeSchema) });
export type TradesPageJson = z.infer<typeof tradesPageSchema>;

/** A run's reward:risk against its timeframe's minimum, as the backtest job stores it in the run's diagnostics. */
export const riskRewardReportSchema = z.object({
  minimum: z.number(),
  planned: z.number().nullable(),
  allowedBelowMinimum: z.boolean(),
  tradesBelowMinimum: z.number(),
}) satisfies z.ZodType<RiskRewardReport>;

/** A run's headline figures for lists and comparisons. */
export const runSummarySchema = z.object({
  id: z.string(),
  batchId: z.string(),
  hypothesisId: z.string().nullable(),
  hypothesisName: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  kind: z.enum(["single", "portfolio"]),
  trades: z.number(),
  winRate: z.number().nullable(),
  profitFactor: z.number().nullable(),
  profitFactorUnbounded: z.boolean(),
  netReturn: z.number(),
  sharpe: z.number().nullable(),
  maxDrawdown: z.number(),
  /** Null for a portfolio run, or one stored before reward:risk was measured. */
  riskReward: riskRewardReportSchema.nullable(),
});
export type RunSummaryJson = z.infer<typeof runSummarySchema>;

/** The account a batch ran with, as the backtest job stores it in the batch's settings (older batches may lack it). */
export const batchAccountSchema = z.object({
  startingEquity: z.number().positive(),
  sizing: z.object({ riskFraction: z.number(), leverage: z.number() }).optional(),
});

export const equityPointSchema = z.object({ time: z.number(), equity: z.number() });
export type EquityPointJson = z.infer<typeof equityPointSchema>;

/**
 * GET /api/backtests/runs/[runId]/equity: the run's curve from its period start (starting capital first, then the
 * stored bar-close points) and buy & hold of the same instrument and capital sampled at the same times (USDT).
 */
export const runEquitySchema = z.object({
  startingEquity: z.number(),
  strategy: z.array(equityPointSchema),
  /** Null when the run's first candle is no longer stored. */
  buyAndHold: z.object({ points: z.array(equityPointSchema), fundingIncluded: z.boolean() }).nullable(),
});
export type RunEquityJson = z.infer<typeof runEquitySchema>;

/** How many runs the compare page shows at once: each needs a colour a reader can tell apart. */
export const MAX_COMPARED_RUNS = 6;

/**
 * The compare page's query: `?runs=id,id,...` (2 to MAX_COMPARED_RUNS, in the order ticked; the first is the base the
 * others are measured against), or the older `?a=id&b=id`.
 */
export const compareQuerySchema = z
  .union([z.object({ runs: z.string() }).transform((q) => q.runs.split(",")), z.object({ a: z.string(), b: z.string() }).transform((q) => [q.a, q.b])])
  .pipe(z.array(z.uuid()).transform((ids) => [...new Set(ids)]))
  .pipe(z.array(z.uuid()).min(2).max(MAX_COMPARED_RUNS));

export const comparePath = (ids: readonly string[]) => `/backtests/compare?runs=${ids.join(",")}`;

/** A trial's overall verdict in the edge analysis (lib/analysis/edge-verdict's EdgeStatus). */
export const edgeStatusSchema = z.enum(["pass", "fail", "insufficient_data"]);

/** One batch as GET /api/backtests sends it: its runs and, for the batch the latest edge analysis judged, each run's verdict. */
export const batchJsonSchema = z.object({
  id: z.string(),
  label: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.string(),
  finished: z.boolean(),
  settings: z.unknown(),
  runs: z.array(runSummarySchema),
  /** Run id → overall verdict; empty for a batch no edge analysis judged. */
  verdicts: z.record(z.string(), edgeStatusSchema),
});
export type BatchJson = z.infer<typeof batchJsonSchema>;

/** GET /api/backtests: recent batches, newest first, or the one named by `batch`. */
export const batchListSchema = z.object({ batches: z.array(batchJsonSchema) });
export type BatchListJson = z.infer<typeof batchListSchema>;
