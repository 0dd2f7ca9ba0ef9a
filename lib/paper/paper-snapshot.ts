import { AmbiguityCounters, type PositionState } from "../backtest/fill-model";
import { type PortfolioObserver, PortfolioBook, activeTimeframes } from "../backtest/portfolio-step";
import type { RegimeCode } from "../backtest/regime-codes";
import { RiskManager } from "../backtest/risk-manager";
import type { CandleSeries } from "../market/series";
import { timeframeMs } from "../market/timeframe";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { PaperError } from "./errors";
import type { LegRuntime, SymbolRuntime } from "./leg-runtime";
import type { PaperConfig, PaperLegState, PaperPositionState, PaperSeriesState, PaperState } from "./types";

/** What an engine's state consists of, beyond its configuration. */
export interface EngineState {
  readonly symbols: Iterable<SymbolRuntime>;
  readonly legs: readonly LegRuntime[];
  readonly book: PortfolioBook;
  readonly clock: number | null;
  readonly equity: number | null;
  readonly tradeCount: number;
}

/** Bars of `series` with open time in [from, to]. */
function indexRange(series: CandleSeries, from: number, to: number): [number, number] {
  let a = 0;
  while (a < series.length && (series.time[a] ?? Infinity) < from) a++;
  let b = a;
  while (b < series.length && (series.time[b] ?? Infinity) <= to) b++;
  return [a, b];
}

function savePosition(pos: PositionState): PaperPositionState {
  return {
    entryIndex: pos.entryIndex,
    entryTime: pos.entryTime,
    entryPrice: pos.entryPrice,
    qty: pos.qty,
    stop: pos.stop,
    target: pos.target,
    entryFee: pos.entryFee,
    funding: pos.funding,
    slippageCost: pos.slippageCost,
    regime: pos.regime,
    deadline: pos.deadline,
    fundingCursor: pos.fundingCursor,
    nextFundingTime: Number.isFinite(pos.nextFundingTime) ? pos.nextFundingTime : null,
  };
}

function restorePosition(pos: PositionState, saved: PaperPositionState): void {
  pos.open = true;
  pos.entryIndex = saved.entryIndex;
  pos.entryTime = saved.entryTime;
  pos.entryPrice = saved.entryPrice;
  pos.qty = saved.qty;
  pos.stop = saved.stop;
  pos.target = saved.target;
  pos.entryFee = saved.entryFee;
  pos.funding = saved.funding;
  pos.slippageCost = saved.slippageCost;
  pos.regime = saved.regime as RegimeCode;
  pos.deadline = saved.deadline;
  pos.fundingCursor = saved.fundingCursor;
  pos.nextFundingTime = saved.nextFundingTime ?? Infinity;
  pos.ambiguity = "none";
}

/**
 * The whole trading state as plain JSON-safe data. Series and funding are kept as spans and counts only: restoring
 * reloads them from the stored history.
 */
export function takeSnapshot(engine: EngineState): PaperState {
  const symbols = [...engine.symbols];
  const series: PaperSeriesState[] = [];
  for (const sym of symbols) {
    for (const [tf, buf] of sym.series) {
      series.push({
        symbol: sym.symbol,
        timeframe: tf,
        firstTime: buf.firstTime,
        count: buf.length,
        lastProcessedTime: buf.length > 0 ? buf.lastTime + timeframeMs(tf) : null,
      });
    }
  }
  const funding = symbols.map((sym) => ({
    symbol: sym.symbol,
    firstTime: sym.funding.firstTime,
    lastTime: sym.funding.length > 0 ? sym.funding.lastTime : null,
    count: sym.funding.length,
  }));
  const legs: PaperLegState[] = engine.legs.map((leg) => {
    const st = leg.st;
    return {
      id: leg.config.id,
      symbol: leg.config.symbol,
      timeframe: leg.series.timeframe,
      hypothesisId: leg.config.hypothesis.id,
      pending: st.pending >= 0 ? { signalIndex: st.pending, sizingEquity: st.pendingEquity, riskScale: st.pendingScale } : null,
      mark: st.mark,
      position: st.pos.open ? savePosition(st.pos) : null,
    };
  });
  const book = engine.book;
  return {
    version: 1,
    clock: engine.clock,
    realised: book.realised,
    equity: engine.equity,
    tradeCount: engine.tradeCount,
    risk: book.risk.snapshot(),
    blocked: { ...book.blocked },
    ambiguousBars: book.counters.ambiguousBars,
    ambiguousResolvedBy1m: book.counters.resolvedBy1m,
    series,
    funding,
    legs,
  };
}

export function checkStateVersion(state: PaperState): void {
  if (state.version !== 1) throw new PaperError("CONFIG_MISMATCH", `unsupported paper state version ${String(state.version)}`);
}

/** Refuses a snapshot of other legs than the configuration's. */
export function checkSnapshotLegs(state: PaperState, legs: readonly LegRuntime[]): void {
  const ids = legs.map((l) => l.config.id).sort();
  const stateIds = state.legs.map((l) => l.id).sort();
  if (ids.join("\n") !== stateIds.join("\n")) {
    throw new PaperError("CONFIG_MISMATCH", `the snapshot trades legs [${stateIds.join(", ")}], the configuration [${ids.join(", ")}]`);
  }
}

/**
 * Appends to the (empty) buffers exactly the bars and funding rates the snapshot was taken on, from `history`;
 * HISTORY_MISMATCH when the history holds another number of them in the snapshot's spans.
 */
export function loadSnapshotHistory(state: PaperState, symbols: Iterable<SymbolRuntime>, history: readonly MarketBundle[]): void {
  const bundleOf = (symbol: string): MarketBundle | undefined => history.find((b) => b.symbol === symbol);
  for (const sym of symbols) {
    for (const [tf, buf] of sym.series) {
      const saved = state.series.find((s) => s.symbol === sym.symbol && s.timeframe === tf);
      if (!saved) throw new PaperError("CONFIG_MISMATCH", `the snapshot has no ${sym.symbol} ${tf} series`);
      if (saved.count === 0 || saved.firstTime === null || saved.lastProcessedTime === null) continue;
      const source = bundleOf(sym.symbol)?.series[tf];
      const [a, b] = source ? indexRange(source, saved.firstTime, saved.lastProcessedTime - timeframeMs(tf)) : [0, 0];
      if (!source || b - a !== saved.count) {
        throw new PaperError("HISTORY_MISMATCH", `${sym.symbol} ${tf}: the snapshot holds ${saved.count} bars, the history ${b - a} in that span`);
      }
      buf.appendFrom(source, a, b);
    }
    const saved = state.funding.find((f) => f.symbol === sym.symbol);
    if (saved && saved.count > 0 && saved.firstTime !== null && saved.lastTime !== null) {
      const funding = bundleOf(sym.symbol)?.funding;
      let n = 0;
      for (let k = 0; funding && k < funding.length; k++) {
        const t = funding.time[k] ?? NaN;
        if (t >= saved.firstTime && t <= saved.lastTime && sym.funding.append(t, funding.rate[k] ?? NaN)) n++;
      }
      if (n !== saved.count) throw new PaperError("HISTORY_MISMATCH", `${sym.symbol} funding: the snapshot holds ${saved.count} rates, the history ${n}`);
    }
  }
}

/** The book as in the snapshot: realised equity, risk manager, block counts and ambiguity counters. */
export function restoreBook(state: PaperState, config: PaperConfig, legs: readonly LegRuntime[], observer: PortfolioObserver): PortfolioBook {
  const risk = RiskManager.restore(config.settings.limits, state.risk);
  const counters = new AmbiguityCounters();
  counters.ambiguousBars = state.ambiguousBars;
  counters.resolvedBy1m = state.ambiguousResolvedBy1m;
  return new PortfolioBook(config.settings, activeTimeframes(legs.map((l) => l.st)), observer, {
    realised: state.realised,
    risk,
    blocked: { ...state.blocked },
    counters,
  });
}

/** Each leg's pending entry, mark and position as in the snapshot, its next bar being the first after the loaded ones. */
export function restoreLegs(state: PaperState, legs: readonly LegRuntime[]): void {
  for (const leg of legs) {
    const saved = state.legs.find((l) => l.id === leg.config.id) as PaperLegState;
    if (saved.hypothesisId !== leg.config.hypothesis.id || saved.symbol !== leg.config.symbol || saved.timeframe !== leg.series.timeframe) {
      throw new PaperError("CONFIG_MISMATCH", `leg ${saved.id} was ${saved.hypothesisId} on ${saved.symbol} ${saved.timeframe}, the configuration differs`);
    }
    leg.st.next = leg.series.length;
    leg.st.mark = saved.mark;
    leg.st.pending = saved.pending ? saved.pending.signalIndex : -1;
    leg.st.pendingEquity = saved.pending ? saved.pending.sizingEquity : 0;
    leg.st.pendingScale = saved.pending ? saved.pending.riskScale : 1;
    if (saved.position) restorePosition(leg.st.pos, saved.position);
  }
}
