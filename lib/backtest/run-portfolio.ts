import { requireFinite } from "./leg-context";
import { computeMetrics } from "./metrics/compute-metrics";
import {
  type PortfolioLeg,
  type PortfolioLegState,
  type PortfolioSettings,
  PortfolioBook,
  activeTimeframes,
  preparePortfolioLegs,
} from "./portfolio-step";
import type { RunResult } from "./types";

export type { PortfolioLeg, PortfolioSettings } from "./portfolio-step";

export interface PortfolioResult extends RunResult {
  /** Close time of the bar whose mark tripped the max-drawdown halt, or null. */
  readonly drawdownTrippedAt: number | null;
}

/**
 * Trades many legs of any trading timeframes on one account. Bars are processed in order of their CLOSE time, because
 * that is when a bar's outcome is known: a 30m exit inside its bar frees its slot at the 30m close, never earlier, so
 * no leg acts on information from the future. At each close time: every due leg (leg-id order) runs its bar through
 * the single-leg fill model; the account (realised + every open position at its latest close) is marked into the
 * RiskManager once — one equity point per distinct close time; then each due leg's signal is put to the RiskManager
 * in leg-id order. Entries are sized from realised equity at decision time. The three steps live in portfolio-step.ts,
 * shared with paper trading.
 */
export function runPortfolio(legs: readonly PortfolioLeg[], settings: PortfolioSettings): PortfolioResult {
  requireFinite(settings.startingEquity, "startingEquity", true);
  const states = preparePortfolioLegs(legs, settings);
  const book = new PortfolioBook(settings, activeTimeframes(states));
  const totalSteps = states.reduce((sum, s) => sum + s.ctx.series.length, 0);
  const equity = new Float64Array(totalSteps);
  const equityTime = new Float64Array(totalSteps);
  let points = 0;
  let exposedPoints = 0;

  const due: PortfolioLegState[] = [];
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
      if (book.settleBar(st, st.next, st.next === st.ctx.series.length - 1)) held = true;
    }

    let anyOpen = held;
    for (const st of states) anyOpen ||= st.pos.open;
    const accountEquity = book.markAccount(states, now);
    equityTime[points] = now;
    equity[points] = accountEquity;
    points++;
    if (anyOpen) exposedPoints++;

    for (const st of due) {
      const i = st.next;
      st.next++;
      book.decideEntry(st, i, i === st.ctx.series.length - 1, now);
    }
  }

  const curve = equity.slice(0, points);
  const curveTime = equityTime.slice(0, points);
  const metrics = computeMetrics({
    trades: book.trades,
    equity: curve,
    equityTime: curveTime,
    startingEquity: settings.startingEquity,
    periodStart: states.reduce((min, s) => Math.min(min, s.ctx.series.time[0] ?? Infinity), Infinity),
    periodEnd: curveTime[points - 1] ?? -Infinity,
    exposedPoints,
  });
  return {
    trades: book.trades,
    equity: curve,
    equityTime: curveTime,
    metrics,
    ambiguousBars: book.counters.ambiguousBars,
    ambiguousResolvedBy1m: book.counters.resolvedBy1m,
    ambiguousAssumedStop: book.counters.ambiguousBars - book.counters.resolvedBy1m,
    blocked: book.blocked,
    drawdownTrippedAt: book.risk.drawdownTrippedAt,
  };
}
