/** Public API of lib/paper: the paper-trading engine, its JSON state and events, and the replay feed. */
export { PaperEngine, paperLegId, type OpenPositionView, type SeriesRef } from "./paper-engine";
export type { EntryPlan } from "../backtest/fill-model";
export { replayTicks, replayTicksAsync, type AsyncReplayOptions, type ReplayOptions } from "./replay-feed";
export { PaperError, type PaperErrorCode } from "./errors";
export type {
  ClosedBar,
  DailyLossLimitEvent,
  DailyLossResetEvent,
  DrawdownHaltEvent,
  EntryBlockedEvent,
  EquityEvent,
  FillEvent,
  FundingChargedEvent,
  FundingPoint,
  MarketTick,
  OrderPlacedEvent,
  PaperConfig,
  PaperEvent,
  PaperEventType,
  PaperFundingState,
  PaperLegConfig,
  PaperLegState,
  PaperPendingOrder,
  PaperPositionState,
  PaperSeriesState,
  PaperState,
  PositionClosedEvent,
  SignalEvent,
} from "./types";
