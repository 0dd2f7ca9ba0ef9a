import type { CandleSeries, FundingSeries } from "../market/series";
import type { RegimeCode } from "./regime-codes";
import type { Metrics } from "./metrics/types";

export type Direction = "long" | "short";

/**
 * How far a stop or target sits from the entry fill.
 * - `atr`: multiple × ATR of the signal bar;
 * - `bps`: basis points of the fill price (25 = 0.25 %);
 * - `percent`: percent of the fill price, in percent units (`pct: 1.5` = 1.5 %);
 * - `r`: target only — multiple of the stop distance.
 */
export type DistanceSpec =
  | { readonly kind: "atr"; readonly multiple: number }
  | { readonly kind: "bps"; readonly bps: number }
  | { readonly kind: "percent"; readonly pct: number }
  | { readonly kind: "r"; readonly multiple: number };

/** A stop cannot be expressed in R: R is defined by the stop. */
export type StopSpec = Exclude<DistanceSpec, { readonly kind: "r" }>;

export interface ExitSpec {
  readonly stop: StopSpec;
  readonly target: DistanceSpec;
}

/** Fee rates as fractions of notional (0.0005 = 5 bp). Market orders pay taker, the target's limit order pays maker. */
export interface Fees {
  readonly taker: number;
  readonly maker: number;
}

/**
 * Position sizing from realised equity at entry.
 * - `risk`: lose `riskFraction` of equity at the stop, notional capped at equity × leverage;
 * - `notional`: notional = equity × fraction.
 */
export type Sizing =
  | { readonly mode: "risk"; readonly riskFraction: number; readonly leverage: number }
  | { readonly mode: "notional"; readonly fraction: number };

/** One hypothesis on one instrument: everything the fill model needs except the account. */
export interface LegInput {
  /** The hypothesis's timeframe; `time` holds bar open times. */
  readonly series: CandleSeries;
  /** 1 when every entry condition holds at the CLOSE of bar t (look-ahead-free, computed by the signal layer). */
  readonly entrySignal: Uint8Array;
  readonly direction: Direction;
  /** ATR at each bar; the signal bar's value sizes `atr` stops and targets. NaN during warm-up blocks entries. */
  readonly atr: Float64Array;
  readonly exits: ExitSpec;
  readonly maxHoldMinutes: number;
  /** 1 pip = 1 bp of price, applied against the trader on every market fill. */
  readonly slippagePips: number;
  readonly funding?: FundingSeries;
  /** 1m candles used only to resolve bars that touch both stop and target; may be partial or absent. */
  readonly minute?: CandleSeries;
  /** Regime code per bar (see regime.ts), aligned with `series`. */
  readonly regimes?: Uint8Array;
}

export interface BacktestInput extends LegInput {
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly startingEquity: number;
}

export type ExitReason = "target" | "stop" | "time" | "end_of_data";

/**
 * How a bar that reached both stop and target was decided: `none` (not ambiguous), `minute_data` (the 1m candles
 * ordered the touches), `assumed_stop` (they could not — none usable, or the first touching minute reached both — so
 * the stop is assumed first).
 */
export type Ambiguity = "none" | "minute_data" | "assumed_stop";

export interface Trade {
  /** Leg that produced it (`runBacktest` uses the series symbol). */
  readonly legId: string;
  readonly side: Direction;
  /** Bar of the entry fill (signal bar + 1) and bar in which the exit filled, in the leg's series. */
  readonly entryIndex: number;
  readonly exitIndex: number;
  /** Open time of the entry bar. */
  readonly entryTime: number;
  /**
   * Stop/target: open time of the bar (or of the deciding 1m candle) in which it filled — the earliest moment it can
   * have happened, so a funding event at the bar's close is not charged to a position already gone.
   * Time stop / end of data: close time of the bar.
   */
  readonly exitTime: number;
  readonly entryPrice: number;
  readonly exitPrice: number;
  readonly qty: number;
  readonly stop: number;
  readonly target: number;
  readonly reason: ExitReason;
  readonly entryFee: number;
  readonly exitFee: number;
  /** Net funding paid (negative = received). */
  readonly funding: number;
  /** Quote cost of slippage on both fills (already inside the prices; reported, not subtracted again). */
  readonly slippageCost: number;
  readonly grossPnl: number;
  readonly netPnl: number;
  /** Net PnL in units of initial risk qty × |entry − stop|. */
  readonly r: number;
  /** Regime of the signal bar — what was known when the entry was decided. */
  readonly regime: RegimeCode;
  readonly barsHeld: number;
  readonly ambiguity: Ambiguity;
}

/** Why a signal did not become a position. */
export type BlockReason =
  | "position_open"
  | "max_concurrent"
  | "daily_loss_limit"
  | "max_drawdown"
  /** Stop distance not positive and finite (ATR warm-up) or stop beyond zero. */
  | "invalid_stop"
  /** Realised equity ≤ 0. */
  | "insufficient_equity";

export type BlockedCounts = Record<BlockReason, number>;

export interface RunResult {
  readonly trades: readonly Trade[];
  /** Equity marked to market at every bar close (realised + open PnL − paid fees and funding). */
  readonly equity: Float64Array;
  /** Close time of each equity point. */
  readonly equityTime: Float64Array;
  readonly metrics: Metrics;
  /** Bars that reached both stop and target: ordered by 1m data, or assumed stop first (the two add up). */
  readonly ambiguousBars: number;
  readonly ambiguousResolvedBy1m: number;
  readonly ambiguousAssumedStop: number;
  readonly blocked: BlockedCounts;
}
