import { type TradingTimeframe, tradingTimeframeSchema } from "../market/timeframe";
import { allocationScale } from "./allocation";
import { emptyBlockedCounts } from "./blocked-counts";
import { BacktestError } from "./errors";
import {
  AmbiguityCounters,
  PositionState,
  closeTrade,
  exitAtEndOfData,
  exitsDefinedAt,
  openPosition,
  openPositionValue,
  stepPosition,
} from "./fill-model";
import { type LegContext, createLegContext } from "./leg-context";
import { toRegimeCode } from "./regime-codes";
import { type RiskLimits, RiskManager } from "./risk-manager";
import type { BlockReason, BlockedCounts, Fees, LegInput, Sizing, Trade } from "./types";

/**
 * The per-close-time steps of the portfolio loop, shared by runPortfolio (whole series at once) and paper trading
 * (one closed bar at a time), so both run the same fill, sizing and risk code in the same order.
 */

/** One hypothesis × instrument traded on the shared account. `id` must be unique; it breaks ties between legs. */
export interface PortfolioLeg extends LegInput {
  readonly id: string;
}

export interface PortfolioSettings {
  readonly startingEquity: number;
  readonly fees: Fees;
  readonly sizing: Sizing;
  readonly limits: RiskLimits;
  /** `regime`: scale each entry's risk by the regime/timeframe weights (allocation.ts); `equal`: scale 1. */
  readonly allocation: "regime" | "equal";
}

export interface PortfolioLegState {
  readonly ctx: LegContext;
  readonly timeframe: TradingTimeframe;
  readonly pos: PositionState;
  /** Next bar to process. */
  next: number;
  /** Signal bar of an accepted entry waiting for the next open, with the equity and scale fixed at decision time. */
  pending: number;
  pendingEquity: number;
  pendingScale: number;
  /** Open position's contribution to equity at its last processed close. */
  mark: number;
}

/** Optional callbacks for each step (paper trading turns them into events); the backtest passes none. */
export interface PortfolioObserver {
  /** The pending entry decided at `signalIndex` filled at the open of the bar after it. */
  filled?(st: PortfolioLegState, signalIndex: number): void;
  /** The pending entry could not open at the fill (its slot is released). */
  refused?(st: PortfolioLegState, reason: BlockReason, signalIndex: number): void;
  closed?(st: PortfolioLegState, trade: Trade): void;
  /** Entry signal at the close of bar `i` (not reported on a leg's last bar, which the backtest ignores). */
  signal?(st: PortfolioLegState, i: number): void;
  blocked?(st: PortfolioLegState, reason: BlockReason, i: number): void;
  /** Entry accepted at the close of bar `i`: the order fills at the next bar's open. */
  placed?(st: PortfolioLegState, i: number): void;
}

/** Sorts legs by id (the tie-break order), validates them and builds their contexts. */
export function preparePortfolioLegs(legs: readonly PortfolioLeg[], settings: PortfolioSettings): PortfolioLegState[] {
  const sorted = [...legs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.map((leg, k) => {
    if (k > 0 && sorted[k - 1]?.id === leg.id) throw new BacktestError("DUPLICATE_LEG_ID", `leg id ${leg.id} is used twice`);
    const tf = tradingTimeframeSchema.safeParse(leg.series.timeframe);
    if (!tf.success) throw new BacktestError("UNSUPPORTED_TIMEFRAME", `leg ${leg.id}: ${leg.series.timeframe} is not a trading timeframe`);
    return {
      ctx: createLegContext(leg.id, leg, settings.fees, settings.sizing),
      timeframe: tf.data,
      pos: new PositionState(),
      next: 0,
      pending: -1,
      pendingEquity: 0,
      pendingScale: 1,
      mark: 0,
    };
  });
}

/** Distinct timeframes of the legs, in leg order (the allocation renormalises over them). */
export function activeTimeframes(states: readonly PortfolioLegState[]): TradingTimeframe[] {
  return [...new Set(states.map((s) => s.timeframe))];
}

/** The account the legs trade on: realised equity, the risk manager and the run's tallies. */
export class PortfolioBook {
  realised: number;
  readonly risk: RiskManager;
  readonly blocked: BlockedCounts;
  readonly counters: AmbiguityCounters;
  /** Closed trades in closing order (the caller may drain it). */
  readonly trades: Trade[] = [];
  private readonly allocation: PortfolioSettings["allocation"];
  private readonly active: readonly TradingTimeframe[];
  private readonly observer: PortfolioObserver | undefined;

  constructor(
    settings: PortfolioSettings,
    active: readonly TradingTimeframe[],
    observer?: PortfolioObserver,
    restored?: { realised: number; risk: RiskManager; blocked: BlockedCounts; counters: AmbiguityCounters },
  ) {
    this.allocation = settings.allocation;
    this.active = active;
    this.observer = observer;
    this.realised = restored?.realised ?? settings.startingEquity;
    this.risk = restored?.risk ?? new RiskManager(settings.limits, settings.startingEquity);
    this.blocked = restored?.blocked ?? emptyBlockedCounts();
    this.counters = restored?.counters ?? new AmbiguityCounters();
  }

  private settle(st: PortfolioLegState): void {
    const trade = closeTrade(st.ctx, st.pos);
    this.trades.push(trade);
    this.realised += trade.netPnl;
    this.risk.onClose(st.ctx.id);
    this.observer?.closed?.(st, trade);
  }

  /**
   * Step 1 at a close time, for each due leg in leg-id order: fill a pending entry at bar i's open, run bar i through
   * the fill model, close at end of data when `last`, and update the leg's mark. Returns whether a position was held
   * during the bar (open after the pending fill).
   */
  settleBar(st: PortfolioLegState, i: number, last: boolean): boolean {
    const { ctx, pos } = st;
    if (st.pending >= 0) {
      const signalIndex = st.pending;
      const refused = openPosition(ctx, pos, signalIndex, st.pendingEquity, st.pendingScale);
      st.pending = -1;
      if (refused !== null) {
        this.blocked[refused]++;
        this.risk.onClose(ctx.id);
        this.observer?.refused?.(st, refused, signalIndex);
      } else this.observer?.filled?.(st, signalIndex);
    }
    const held = pos.open;
    if (pos.open && stepPosition(ctx, pos, i, this.counters)) this.settle(st);
    if (pos.open && last) {
      exitAtEndOfData(ctx, pos, i);
      this.settle(st);
    }
    st.mark = pos.open ? openPositionValue(ctx, pos, ctx.series.close[i] ?? NaN) : 0;
    return held;
  }

  /** Step 2: marks the account (realised + every open position at its latest close) into the risk manager once. */
  markAccount(states: readonly PortfolioLegState[], now: number): number {
    let marks = 0;
    for (const st of states) marks += st.mark;
    const accountEquity = this.realised + marks;
    this.risk.onMark(accountEquity, now);
    return accountEquity;
  }

  /** Step 3, for each due leg in leg-id order: put bar i's entry signal to the risk manager (never on the last bar). */
  decideEntry(st: PortfolioLegState, i: number, last: boolean, now: number): void {
    const { ctx } = st;
    if (ctx.entrySignal[i] !== 1 || last) return;
    this.observer?.signal?.(st, i);
    const decision = this.risk.canEnter({ legId: ctx.id }, now);
    if (!decision.allowed) this.block(st, decision.reason, i);
    else if (!exitsDefinedAt(ctx, i)) this.block(st, "invalid_stop", i);
    else {
      st.pending = i;
      st.pendingEquity = this.realised;
      st.pendingScale = this.allocation === "regime" ? allocationScale(toRegimeCode(ctx.regimes?.[i]), st.timeframe, this.active) : 1;
      this.risk.onOpen(ctx.id);
      this.observer?.placed?.(st, i);
    }
  }

  private block(st: PortfolioLegState, reason: BlockReason, i: number): void {
    this.blocked[reason]++;
    this.observer?.blocked?.(st, reason, i);
  }
}

export type { RiskLimits };
