import { z } from "zod";
import { DEFAULT_INSTRUMENTS, instrumentListSchema } from "./market/instruments";
import { TRADING_TIMEFRAMES, type TradingTimeframe, tradingTimeframeSchema } from "./market/timeframe";

/** A trillion: far above any account, far below where sizing and PnL arithmetic lose their precision. */
export const MAX_EQUITY = 1e12;

/** An account's starting equity (USDT). */
export const equitySchema = z
  .number("must be a number")
  .positive("must be above 0")
  .max(MAX_EQUITY, `must be at most ${MAX_EQUITY.toLocaleString("en-US")}`);

const perTimeframe = (defaults: Record<TradingTimeframe, number>, value: z.ZodNumber) =>
  z
    .object({ "2m": value, "5m": value, "15m": value, "30m": value })
    .default(defaults);

const intList = z.array(z.number().int().positive()).min(1);
const numList = z.array(z.number()).min(1);

/**
 * Where a trend begins: ADX(14) at 25. The regime classifier's defaults and the fixed trend filters (the
 * higher-timeframe filter, the confluence rules) read this one line.
 */
export const TREND_ADX = { period: 14, level: 25 } as const;

/** The walk-forward defaults, also what the edge report uses when it is given no settings. */
export const DEFAULT_WALK_FORWARD = { windows: 4, trainFraction: 0.7, maxWindowProfitShare: 0.75, minProfitableWindows: 2, gate: "fail" } as const;

/** The alert webhook's longest wait for an answer: a hung hook must not hold up the broker loop for long. */
const MAX_ALERT_TIMEOUT_MS = 60_000;

/**
 * Where alerts are POSTed (Slack/Discord style). Only the file or the environment sets it, never a request; the URL
 * often carries its token, so the messages never echo it.
 */
const alertsSchema = z
  .object({
    webhookUrl: z.string().url("must be a URL").regex(/^https?:\/\//, "must be an http:// or https:// URL").optional(),
    timeoutMs: z.number().int().min(100).max(MAX_ALERT_TIMEOUT_MS).default(5000),
  })
  .default({ timeoutMs: 5000 });

/**
 * Every tunable of the system, with its default. Units:
 * - fractions for percentages (0.02 = 2%),
 * - "pips" are basis points of price (1 pip = 0.0001 × price).
 */
export const configSchema = z.object({
  instruments: instrumentListSchema.default([...DEFAULT_INSTRUMENTS]),
  timeframes: z.array(tradingTimeframeSchema).min(1).default([...TRADING_TIMEFRAMES]),
  leverage: z.number().positive().max(20).default(1.0),
  positionSizePct: z.number().gt(0).max(1).default(0.02),
  maxConcurrent: z.number().int().positive().default(2),
  dailyLossLimit: z.number().lt(0).gt(-1).default(-0.03),
  maxDrawdown: z.number().gt(0).lt(1).default(0.15),
  startingEquity: equitySchema.default(10_000),
  slippagePips: perTimeframe({ "2m": 1.0, "5m": 1.5, "15m": 2.5, "30m": 4.0 }, z.number().min(0)),
  minRiskReward: perTimeframe({ "2m": 2.0, "5m": 1.5, "15m": 1.3, "30m": 1.2 }, z.number().positive()),
  edgeThresholds: z
    .object({
      winRate: z.number().gt(0).lt(1).default(0.55),
      profitFactor: perTimeframe({ "2m": 2.0, "5m": 1.5, "15m": 1.4, "30m": 1.3 }, z.number().positive()),
      sharpe: z.number().default(1.0),
      minTrades: z.number().int().positive().default(30),
      /** Multiple-testing gate: the deflated Sharpe (probability the edge is not luck among all trials) needed to pass. */
      minDeflatedSharpe: z.number().min(0).max(1).default(0.95),
    })
    .default({
      winRate: 0.55,
      profitFactor: { "2m": 2.0, "5m": 1.5, "15m": 1.4, "30m": 1.3 },
      sharpe: 1.0,
      minTrades: 30,
      minDeflatedSharpe: 0.95,
    }),
  /**
   * Walk-forward stability (lib/analysis/walk-forward*): the period's rolling test windows must share the profit. An
   * edge is flagged when one window carries more than `maxWindowProfitShare` of the windows' net profit or fewer than
   * `minProfitableWindows` windows make money; `gate` "fail" fails such a pass, "warn" only shows the flag.
   */
  walkForward: z
    .object({
      windows: z.number().int().min(2).max(20).default(DEFAULT_WALK_FORWARD.windows),
      trainFraction: z.number().gt(0).lt(1).default(DEFAULT_WALK_FORWARD.trainFraction),
      maxWindowProfitShare: z.number().gt(0).max(1).default(DEFAULT_WALK_FORWARD.maxWindowProfitShare),
      minProfitableWindows: z.number().int().min(1).default(DEFAULT_WALK_FORWARD.minProfitableWindows),
      gate: z.enum(["fail", "warn"]).default(DEFAULT_WALK_FORWARD.gate),
    })
    .refine((w) => w.minProfitableWindows <= w.windows, { message: "minProfitableWindows cannot exceed windows", path: ["minProfitableWindows"] })
    .default(DEFAULT_WALK_FORWARD),
  dataLookbackMonths: z.number().int().positive().max(60).default(6),
  indicatorRanges: z
    .object({
      rsi: z.object({ period: intList, oversold: numList, overbought: numList }),
      sma: z.object({ period: intList }),
      ema: z.object({ period: intList }),
      bollinger: z.object({ period: intList, stdDev: numList }),
      macd: z.object({ fast: intList, slow: intList, signal: intList }),
      adx: z.object({ period: intList, trendThreshold: numList }),
      atr: z.object({ period: intList, stopMultiple: numList }),
      volume: z.object({ averagePeriod: intList, spikeMultiple: numList }),
      funding: z.object({ extremeHigh: numList, extremeLow: numList }),
    })
    .default({
      rsi: { period: [7, 14, 21], oversold: [20, 25, 30, 35], overbought: [65, 70, 75, 80] },
      sma: { period: [20, 50, 100, 200] },
      ema: { period: [9, 20, 50] },
      bollinger: { period: [20], stdDev: [2, 2.5] },
      macd: { fast: [12], slow: [26], signal: [9] },
      adx: { period: [14], trendThreshold: [20, 25, 30] },
      atr: { period: [14], stopMultiple: [1, 1.5, 2] },
      volume: { averagePeriod: [20], spikeMultiple: [1.5, 2, 3] },
      funding: { extremeHigh: [0.0003], extremeLow: [-0.0002] },
    }),
  fees: z
    .object({ taker: z.number().min(0).max(0.01).default(0.0005), maker: z.number().min(-0.001).max(0.01).default(0.0002) })
    .default({ taker: 0.0005, maker: 0.0002 }),
  /** Regime classification (see lib/backtest/regime): ADX for trend strength, Kaufman efficiency ratio for noise. */
  regime: z
    .object({
      adxPeriod: z.number().int().positive().default(TREND_ADX.period),
      efficiencyPeriod: z.number().int().positive().default(20),
      trendingAdx: z.number().positive().default(TREND_ADX.level),
      trendingEfficiency: z.number().gt(0).lt(1).default(0.3),
      choppyEfficiency: z.number().gt(0).lt(1).default(0.15),
    })
    .default({ adxPeriod: TREND_ADX.period, efficiencyPeriod: 20, trendingAdx: TREND_ADX.level, trendingEfficiency: 0.3, choppyEfficiency: 0.15 }),
  alerts: alertsSchema,
});

export type AppConfig = z.infer<typeof configSchema>;

/** Scalar keys that can be overridden by an environment variable of the same name in UPPER_SNAKE case. */
export const ENV_KEYS = {
  LEVERAGE: "leverage",
  POSITION_SIZE_PCT: "positionSizePct",
  MAX_CONCURRENT: "maxConcurrent",
  DAILY_LOSS_LIMIT: "dailyLossLimit",
  MAX_DRAWDOWN: "maxDrawdown",
  STARTING_EQUITY: "startingEquity",
  DATA_LOOKBACK_MONTHS: "dataLookbackMonths",
  INSTRUMENTS: "instruments",
  TIMEFRAMES: "timeframes",
  SLIPPAGE_PIPS: "slippagePips",
  MIN_RISK_REWARD: "minRiskReward",
  EDGE_THRESHOLDS: "edgeThresholds",
  WALK_FORWARD: "walkForward",
  INDICATOR_RANGES: "indicatorRanges",
  FEES: "fees",
  REGIME: "regime",
} as const satisfies Record<string, keyof AppConfig>;

/**
 * Nested string settings with an environment variable of their own, taken as written (not as a number or JSON).
 * The webhook URL is one: ALERT_WEBHOOK_URL is also a secret for redaction (lib/security/secret-values.ts).
 */
export const ENV_STRING_SETTINGS = {
  ALERT_WEBHOOK_URL: ["alerts", "webhookUrl"],
} as const satisfies Record<string, readonly [keyof AppConfig, string]>;
