import { type TradingTimeframe, tradingTimeframeSchema } from "../config-schema";
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
import { type LegContext, createLegContext, requireFinite } from "./leg-context";
import { computeMetrics } from "./metrics/compute-metrics";
import { toRegimeCode } from "./regime-codes";
import { type RiskLimits, RiskManager } from "./risk-manager";
import type { Fees, LegInput, RunResult, Sizing, Trade } from "./types";

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

export interface PortfolioResult extends RunResult {
  /** Close time of the bar whose mark tripped the max-drawdown halt, or null. */
  readonly drawdownTrippedAt: number | null;
}

interface LegState {
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

function prepareLegs(legs: readonly PortfolioLeg[], settings: PortfolioSettings): LegState[] {
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

/**
 * Trades many legs of any trading timeframes on one account. Bars are processed in order of their CLOSE time, because
 * that is when a bar's outcome is known: a 30m exit inside its bar frees its slot at the 30m close, never earlier, so
 * no leg acts on information from the future. At each close time: every due leg (leg-id order) runs its bar through
 * the single-leg fill model; the account (realised + every open position at its latest close) is marked into the
 * RiskManager once — one equity point per distinct close time; then each due leg's signal is put to the RiskManager
 * in leg-id order. Entries are sized from realised equity at decision time.
 */
export function runPortfolio(legs: readonly PortfolioLeg[], settings: PortfolioSettings): PortfolioResult {
  requireFinite(settings.startingEquity, "startingEquity", true);
  const states = prepareLegs(legs, settings);
  const active = [...new Set(states.map((s) => s.timeframe))];
  const risk = new RiskManager(settings.limits, settings.startingEquity);
  const blocked = emptyBlockedCounts();
  const counters = new AmbiguityCounters();
  const trades: Trade[] = [];
  const totalSteps = states.reduce((sum, s) => sum + s.ctx.series.length, 0);
  const equity = new Float64Array(totalSteps);
  const equityTime = new Float64Array(totalSteps);
  let points = 0;
  let exposedPoints = 0;
  let realised = settings.startingEquity;

  const settle = (st: LegState): void => {
    const trade = closeTrade(st.ctx, st.pos);
    trades.push(trade);
    realised += trade.netPnl;
    risk.onClose(st.ctx.id);
  };

  const due: LegState[] = [];
  for (;;) {
    // Every leg whose next bar closes first (ties in leg-id order) steps together: all outcomes known at `now` are
    // applied before any decision taken at `now`.
    let now = Infinity;
    due.length = 0;
    for (const st of states) {
      if (st.next >= st.ctx.series.length) continue;
      const closeTime = (st.ctx.series.time[st.next] ?? NaN) + st.ctx.barMs;
      if (closeTime < now) {
        now = closeTime;
        due.length = 0;
      }
      if (closeTime === now) due.push(st);
    }
    if (due.length === 0) break;

    let held = false;
    for (const st of due) {
      const { ctx, pos } = st;
      const i = st.next;
      if (st.pending >= 0) {
        const refused = openPosition(ctx, pos, st.pending, st.pendingEquity, st.pendingScale);
        if (refused !== null) {
          blocked[refused]++;
          risk.onClose(ctx.id);
        }
        st.pending = -1;
      }
      held ||= pos.open;
      if (pos.open && stepPosition(ctx, pos, i, counters)) settle(st);
      if (pos.open && i === ctx.series.length - 1) {
        exitAtEndOfData(ctx, pos, i);
        settle(st);
      }
      st.mark = pos.open ? openPositionValue(ctx, pos, ctx.series.close[i] ?? NaN) : 0;
    }

    let marks = 0;
    let anyOpen = held;
    for (const st of states) {
      marks += st.mark;
      anyOpen ||= st.pos.open;
    }
    const accountEquity = realised + marks;
    risk.onMark(accountEquity, now);
    equityTime[points] = now;
    equity[points] = accountEquity;
    points++;
    if (anyOpen) exposedPoints++;

    for (const st of due) {
      const { ctx } = st;
      const i = st.next;
      st.next++;
      if (ctx.entrySignal[i] !== 1 || i === ctx.series.length - 1) continue;
      const decision = risk.canEnter({ legId: ctx.id }, now);
      if (!decision.allowed) blocked[decision.reason]++;
      else if (!exitsDefinedAt(ctx, i)) blocked.invalid_stop++;
      else {
        st.pending = i;
        st.pendingEquity = realised;
        st.pendingScale = settings.allocation === "regime" ? allocationScale(toRegimeCode(ctx.regimes?.[i]), st.timeframe, active) : 1;
        risk.onOpen(ctx.id);
      }
    }
  }

  const curve = equity.slice(0, points);
  const curveTime = equityTime.slice(0, points);
  const metrics = computeMetrics({
    trades,
    equity: curve,
    equityTime: curveTime,
    startingEquity: settings.startingEquity,
    periodStart: states.reduce((min, s) => Math.min(min, s.ctx.series.time[0] ?? Infinity), Infinity),
    periodEnd: curveTime[points - 1] ?? -Infinity,
    exposedPoints,
  });
  return {
    trades,
    equity: curve,
    equityTime: curveTime,
    metrics,
    ambiguousBars: counters.ambiguousBars,
    ambiguousResolvedBy1m: counters.resolvedBy1m,
    blocked,
    drawdownTrippedAt: risk.drawdownTrippedAt,
  };
}
