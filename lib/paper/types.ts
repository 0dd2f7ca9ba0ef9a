import type { PortfolioSettings } from "../backtest/portfolio-step";
import type { RegimeSettings } from "../backtest/regime";
import type { RiskSnapshot } from "../backtest/risk-manager";
import type { Ambiguity, BlockReason, BlockedCounts, Direction, ExitReason, Trade } from "../backtest/types";
import type { Candle } from "../market/candle";
import type { Timeframe } from "../market/timeframe";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import type { LearnedModels } from "../learning/learned-leg";
import type { Hypothesis } from "../signals/hypothesis";

/** One hypothesis traded on one instrument. The leg trades the hypothesis's timeframe. */
export interface PaperLegConfig {
  /** Unique; legs are processed in id order at equal close times (as in runPortfolio). See `paperLegId`. */
  readonly id: string;
  readonly symbol: string;
  readonly hypothesis: Hypothesis;
  /**
   * A model-gated learned variant's walk-forward versions (frozen with the account, as its hypothesis is) and what
   * its plain side is sized with: at each bar the version trained before it decides, as in the backtest.
   */
  readonly learned?: LearnedModels;
}

export interface PaperConfig {
  readonly legs: readonly PaperLegConfig[];
  /** The account: fees, sizing, risk limits, allocation (portfolioSettingsFromConfig). */
  readonly settings: PortfolioSettings;
  /** Regime classification settings (config.regime), as the research pipeline uses. */
  readonly regime: RegimeSettings;
  /** Keep 1m candles to resolve bars that touch both stop and target, as the backtest does (default true). */
  readonly minuteBars?: boolean;
  /**
   * For replays only: the stored data the ticks come from. Signal, ATR and regime columns are then computed once on
   * it instead of on the bars so far at every bar — equal values, since the signal layer is look-ahead-free — as long
   * as every bar and funding rate fed so far equals the stored one from the same first bar; the engine checks that
   * and falls back to per-bar evaluation for a symbol whose feed differs.
   */
  readonly replayData?: readonly MarketBundle[];
}

/** One closed candle of one series. `bar.time` is the open time; it closes at open + timeframe. */
export interface ClosedBar {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly bar: Candle;
  /**
   * The last bar the series will ever have (a replay's end of data): positions on it close at this bar's close
   * (`end_of_data`) and its signal is not acted on — exactly as the backtest treats a series' last bar.
   */
  readonly final?: boolean;
}

export interface FundingPoint {
  readonly symbol: string;
  /** When the rate applied (epoch ms). */
  readonly time: number;
  readonly rate: number;
}

/**
 * Everything that became known at `closeTime`: every bar (of any series, 1m included) closing then, and funding
 * rates. Deliver all bars of one close time in one tick: the engine applies every outcome known at a close time
 * before any decision taken at it, like runPortfolio; splitting a close time over ticks can only change decisions.
 */
export interface MarketTick {
  readonly closeTime: number;
  readonly bars: readonly ClosedBar[];
  readonly funding?: readonly FundingPoint[];
}

interface EventBase {
  /** Close time of the tick that produced the event (when it became known). */
  readonly time: number;
}

interface LegEventBase extends EventBase {
  readonly legId: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

/** Every entry condition held at the close of bar `barIndex` (open time `barTime`). */
export interface SignalEvent extends LegEventBase {
  readonly type: "signal";
  readonly barIndex: number;
  readonly barTime: number;
}

/** A signal that did not become a position: refused by the risk manager or the exits (`decision`), or at the fill. */
export interface EntryBlockedEvent extends LegEventBase {
  readonly type: "entry_blocked";
  readonly reason: BlockReason;
  readonly stage: "decision" | "fill";
  readonly signalIndex: number;
}

/** Entry accepted at the close of the signal bar: a market order for the next bar's open. */
export interface OrderPlacedEvent extends LegEventBase {
  readonly type: "order_placed";
  readonly side: Direction;
  readonly signalIndex: number;
  readonly signalTime: number;
  /** Realised equity the position will be sized from, and the allocation scale on the risk fraction. */
  readonly sizingEquity: number;
  readonly riskScale: number;
}

export interface FillEvent extends LegEventBase {
  readonly type: "fill";
  readonly side: Direction;
  readonly entryIndex: number;
  /** Open time of the entry bar (the fill time). */
  readonly entryTime: number;
  readonly price: number;
  readonly qty: number;
  readonly stop: number;
  readonly target: number;
  readonly fee: number;
  readonly slippageCost: number;
}

export interface PositionClosedEvent extends LegEventBase {
  readonly type: "position_closed";
  readonly reason: ExitReason;
  readonly ambiguity: Ambiguity;
  /** Exactly the trade the backtest records. */
  readonly trade: Trade;
}

/** Funding charged to an open position during the tick (negative = received). */
export interface FundingChargedEvent extends LegEventBase {
  readonly type: "funding";
  readonly amount: number;
  /** Funding paid by the position so far. */
  readonly total: number;
}

export interface DailyLossLimitEvent extends EventBase {
  readonly type: "daily_loss_limit";
  readonly equity: number;
  readonly dayStartEquity: number;
}

export interface DailyLossResetEvent extends EventBase {
  readonly type: "daily_loss_reset";
  readonly dayStartEquity: number;
}

export interface DrawdownHaltEvent extends EventBase {
  readonly type: "drawdown_halt";
  readonly equity: number;
  readonly peakEquity: number;
}

/** The account marked to market (realised + open positions at their latest close), once per processed close time. */
export interface EquityEvent extends EventBase {
  readonly type: "equity";
  readonly equity: number;
  readonly realised: number;
  readonly openPositions: number;
  readonly pendingOrders: number;
}

export type PaperEvent =
  | SignalEvent
  | EntryBlockedEvent
  | OrderPlacedEvent
  | FillEvent
  | PositionClosedEvent
  | FundingChargedEvent
  | DailyLossLimitEvent
  | DailyLossResetEvent
  | DrawdownHaltEvent
  | EquityEvent;

export type PaperEventType = PaperEvent["type"];

/** Which bars of a series the engine holds: `count` bars from `firstTime`, the last closing at `lastProcessedTime`. */
export interface PaperSeriesState {
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly firstTime: number | null;
  readonly count: number;
  /** Close time of the last bar processed; a bar closing at or before it is a replay and is ignored. */
  readonly lastProcessedTime: number | null;
}

export interface PaperFundingState {
  readonly symbol: string;
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  readonly count: number;
}

/** An open position exactly as the fill model holds it (JSON-safe: no Infinity). */
export interface PaperPositionState {
  readonly entryIndex: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly qty: number;
  readonly stop: number;
  readonly target: number;
  readonly entryFee: number;
  readonly funding: number;
  readonly slippageCost: number;
  readonly regime: number;
  readonly deadline: number;
  readonly fundingCursor: number;
  /** null when no later funding rate is known yet. */
  readonly nextFundingTime: number | null;
}

export interface PaperPendingOrder {
  readonly signalIndex: number;
  readonly sizingEquity: number;
  readonly riskScale: number;
}

export interface PaperLegState {
  readonly id: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly hypothesisId: string;
  readonly pending: PaperPendingOrder | null;
  /** Open position's contribution to equity at its last close. */
  readonly mark: number;
  readonly position: PaperPositionState | null;
}

/**
 * The engine's whole trading state as plain JSON. Candles and funding are not copied in: they are in the market
 * store, and `series`/`funding` say exactly which ones to hand back to `PaperEngine.restore`.
 */
export interface PaperState {
  readonly version: 1;
  /** Close time of the last processed tick that had a traded bar; null before the first. */
  readonly clock: number | null;
  readonly realised: number;
  /** Last marked account equity; null before the first mark. */
  readonly equity: number | null;
  readonly tradeCount: number;
  readonly risk: RiskSnapshot;
  readonly blocked: BlockedCounts;
  readonly ambiguousBars: number;
  readonly ambiguousResolvedBy1m: number;
  readonly series: readonly PaperSeriesState[];
  readonly funding: readonly PaperFundingState[];
  readonly legs: readonly PaperLegState[];
}
