import { AmbiguityCounters, planEntry, PositionState, type EntryPlan } from "../backtest/fill-model";
import type { LegContext } from "../backtest/leg-context";
import {
  type PortfolioLeg,
  type PortfolioLegState,
  type PortfolioObserver,
  PortfolioBook,
  activeTimeframes,
  preparePortfolioLegs,
} from "../backtest/portfolio-step";
import { REGIME, type RegimeCode } from "../backtest/regime-codes";
import { RiskManager } from "../backtest/risk-manager";
import type { BlockReason, LegInput, Trade } from "../backtest/types";
import type { Candle } from "../market/candle";
import type { CandleSeries } from "../market/series";
import { type Timeframe, timeframeMs } from "../market/timeframe";
import { buildLeg } from "../hypothesis-runs/build-leg";
import { exitAtrPeriod, toEngineExits } from "../hypothesis-runs/engine-exits";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { compileHypothesis } from "../signals/compile-hypothesis";
import type { Hypothesis } from "../signals/hypothesis";
import { CandleBuffer, ColumnBuffer, FundingBuffer } from "./buffers";
import { PaperError } from "./errors";
import { LiveLeg } from "./live-leg";
import { LiveSeries } from "./live-series";
import type {
  ClosedBar,
  MarketTick,
  PaperConfig,
  PaperEvent,
  PaperLegConfig,
  PaperLegState,
  PaperPositionState,
  PaperSeriesState,
  PaperState,
} from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The default leg id: instrument and hypothesis. */
export function paperLegId(symbol: string, hypothesis: Pick<Hypothesis, "id">): string {
  return `${symbol}:${hypothesis.id}`;
}

export interface SeriesRef {
  readonly symbol: string;
  readonly timeframe: Timeframe;
}

export interface OpenPositionView {
  readonly legId: string;
  readonly symbol: string;
  readonly timeframe: Timeframe;
  readonly side: "long" | "short";
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly qty: number;
  readonly stop: number;
  readonly target: number;
  readonly funding: number;
  /** Price PnL at the last close minus fees and funding paid. */
  readonly unrealised: number;
}

interface LegRuntime {
  readonly config: PaperLegConfig;
  readonly st: PortfolioLegState;
  readonly ctx: Mutable<LegContext>;
  readonly series: CandleBuffer;
  /** Other timeframes the entry rules read. */
  readonly higher: readonly CandleBuffer[];
  readonly funding: FundingBuffer;
  readonly minute: CandleBuffer | undefined;
  readonly signal: ColumnBuffer<Uint8Array>;
  readonly atr: ColumnBuffer<Float64Array>;
  readonly regimes: ColumnBuffer<Uint8Array>;
  /** Per-bar columns from saved indicator state; null for a rule without a per-bar form (buildLeg then). */
  readonly live: LiveLeg | null;
}

interface SymbolRuntime {
  readonly symbol: string;
  readonly series: Map<Timeframe, CandleBuffer>;
  readonly funding: FundingBuffer;
  /** Replay data of the symbol while the feed has matched it (null when absent or diverged). */
  stored: StoredSymbol | null;
}

interface StoredSymbol {
  readonly bundle: MarketBundle;
  readonly cache: ResearchCache;
  readonly legs: Map<string, LegInput>;
  /** Bars (per timeframe) and funding rates already checked against the stored data. */
  readonly checked: Map<Timeframe, number>;
  checkedFunding: number;
}

function emptySeries(symbol: string, timeframe: Timeframe): CandleSeries {
  return new CandleBuffer(symbol, timeframe).view();
}

/** Bars of `series` with open time in [from, to]. */
function indexRange(series: CandleSeries, from: number, to: number): [number, number] {
  let a = 0;
  while (a < series.length && (series.time[a] ?? Infinity) < from) a++;
  let b = a;
  while (b < series.length && (series.time[b] ?? Infinity) <= to) b++;
  return [a, b];
}

/**
 * Paper trading on closed bars, one close time at a time, through the backtest's own code: the signal layer's values
 * on the bars known so far (per-bar indicator state, or buildLeg — look-ahead-free signals make either equal to the
 * full-series value),
 * and portfolio-step's PortfolioBook (fill model, fees, slippage, funding, sizing, allocation, RiskManager) in the
 * order runPortfolio uses. Feeding it every bar of a stored market reproduces runPortfolio's trades exactly.
 *
 * Per tick: funding and bars are appended; every leg whose series got a bar is "due"; due legs (id order) fill a
 * pending entry at the bar's open and run the bar against their position; the account is marked once; then due
 * legs' signals at the close are put to the risk manager, an accepted one becoming an order for the next open.
 */
export class PaperEngine {
  private readonly config: PaperConfig;
  private readonly legs: LegRuntime[];
  private readonly symbols = new Map<string, SymbolRuntime>();
  /** Series whose bars make legs due. */
  private readonly traded = new Set<CandleBuffer>();
  /** Indicator state per series, shared by the legs reading it. */
  private readonly liveSeries = new Map<CandleBuffer, LiveSeries>();
  private book: PortfolioBook;
  private clockTime: number | null = null;
  private lastEquity: number | null = null;
  private tradeCount = 0;
  private out: PaperEvent[] = [];
  private now = 0;
  private closedFunding = new Map<string, number>();

  /**
   * A fresh account. `history` (optional) pre-loads candles and funding as already-processed warm-up: indicators see
   * them, nothing trades on them.
   */
  constructor(config: PaperConfig, history: readonly MarketBundle[] = []) {
    this.config = config;
    this.legs = this.buildLegs(config);
    this.book = new PortfolioBook(config.settings, activeTimeframes(this.legs.map((l) => l.st)), this.observer());
    if (history.length > 0) {
      for (const sym of this.symbols.values()) {
        const bundle = history.find((b) => b.symbol === sym.symbol);
        if (!bundle) continue;
        for (const [tf, buf] of sym.series) {
          const s = bundle.series[tf];
          if (s) buf.appendFrom(s, 0, s.length);
        }
        for (let k = 0; k < bundle.funding.length; k++) sym.funding.append(bundle.funding.time[k] ?? NaN, bundle.funding.rate[k] ?? NaN);
      }
      this.loadColumns();
      for (const leg of this.legs) leg.st.next = leg.series.length;
    }
  }

  /**
   * Resumes from `snapshot()` (after JSON round-trip). `history` must hold at least the bars and funding the snapshot
   * was taken on (the engine keeps exactly those, checked by count); later data is ignored and must be fed as ticks.
   */
  static restore(state: PaperState, config: PaperConfig, history: readonly MarketBundle[]): PaperEngine {
    if (state.version !== 1) throw new PaperError("CONFIG_MISMATCH", `unsupported paper state version ${String(state.version)}`);
    const engine = new PaperEngine(config);
    const ids = engine.legs.map((l) => l.config.id).sort();
    const stateIds = state.legs.map((l) => l.id).sort();
    if (ids.join("\n") !== stateIds.join("\n")) {
      throw new PaperError("CONFIG_MISMATCH", `the snapshot trades legs [${stateIds.join(", ")}], the configuration [${ids.join(", ")}]`);
    }
    const bundleOf = (symbol: string): MarketBundle | undefined => history.find((b) => b.symbol === symbol);
    for (const sym of engine.symbols.values()) {
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
    engine.loadColumns();
    const risk = RiskManager.restore(config.settings.limits, state.risk);
    const counters = new AmbiguityCounters();
    counters.ambiguousBars = state.ambiguousBars;
    counters.resolvedBy1m = state.ambiguousResolvedBy1m;
    const book = new PortfolioBook(config.settings, activeTimeframes(engine.legs.map((l) => l.st)), engine.observer(), {
      realised: state.realised,
      risk,
      blocked: { ...state.blocked },
      counters,
    });
    engine.book = book;
    for (const leg of engine.legs) {
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
    engine.clockTime = state.clock;
    engine.lastEquity = state.equity;
    engine.tradeCount = state.tradeCount;
    return engine;
  }

  /** Every series the engine reads (traded timeframes, timeframes named by rules, 1m when enabled): feed these. */
  requiredSeries(): SeriesRef[] {
    const out: SeriesRef[] = [];
    for (const sym of this.symbols.values()) for (const tf of sym.series.keys()) out.push({ symbol: sym.symbol, timeframe: tf });
    return out;
  }

  /** Close time of the last processed bar of a series, or null. */
  lastProcessedTime(symbol: string, timeframe: Timeframe): number | null {
    const buf = this.symbols.get(symbol)?.series.get(timeframe);
    return buf && buf.length > 0 ? buf.lastTime + timeframeMs(timeframe) : null;
  }

  /** Close time of the last tick that had a traded bar. */
  get clock(): number | null {
    return this.clockTime;
  }

  /** Last marked account equity (starting equity before the first mark). */
  get equity(): number {
    return this.lastEquity ?? this.config.settings.startingEquity;
  }

  get realisedEquity(): number {
    return this.book.realised;
  }

  get blocked(): Readonly<Record<BlockReason, number>> {
    return this.book.blocked;
  }

  get drawdownTrippedAt(): number | null {
    return this.book.risk.drawdownTrippedAt;
  }

  openPositions(): OpenPositionView[] {
    return this.legs
      .filter((l) => l.st.pos.open)
      .map((l) => {
        const p = l.st.pos;
        return {
          legId: l.config.id,
          symbol: l.config.symbol,
          timeframe: l.series.timeframe,
          side: l.ctx.direction,
          entryTime: p.entryTime,
          entryPrice: p.entryPrice,
          qty: p.qty,
          stop: p.stop,
          target: p.target,
          funding: p.funding,
          unrealised: l.st.mark,
        };
      });
  }

  /**
   * The position a leg's pending entry would open if it filled at `price` now: stop, target and size exactly as the
   * fill model computes them at its fill price (planEntry), for a live account to place the real order with. Null
   * when the leg has no pending entry; the block reason when it could not open.
   */
  entryPlan(legId: string, price: number): EntryPlan | BlockReason | null {
    const leg = this.legs.find((l) => l.config.id === legId);
    if (!leg || leg.st.pending < 0) return null;
    return planEntry(leg.ctx, leg.st.pending, leg.st.pendingEquity, leg.st.pendingScale, price);
  }

  /** Records a funding rate as soon as it is known (also accepted inside ticks). Known times are ignored. */
  onFunding(symbol: string, time: number, rate: number): void {
    this.symbols.get(symbol)?.funding.append(time, rate);
  }

  /** One closed bar on its own: a tick of that bar's close time (see MarketTick on batching). */
  onBarClose(symbol: string, timeframe: Timeframe, bar: Candle, final = false): PaperEvent[] {
    return this.onTick({ closeTime: bar.time + timeframeMs(timeframe), bars: [{ symbol, timeframe, bar, final }] });
  }

  /**
   * Processes everything known at `tick.closeTime` and returns the events it caused, in order. Bars already
   * processed (closing at or before their series' lastProcessedTime) are ignored, so replaying a tick is a no-op.
   * Throws PaperError OUT_OF_ORDER for a new traded bar closing before the clock, BAD_TICK for a bar not closing at
   * the tick's time; nothing is changed then.
   */
  onTick(tick: MarketTick): PaperEvent[] {
    const closeTime = tick.closeTime;
    const fresh: { buf: CandleBuffer; bar: ClosedBar }[] = [];
    for (const b of tick.bars) {
      const buf = this.symbols.get(b.symbol)?.series.get(b.timeframe);
      if (!buf) continue;
      const barClose = b.bar.time + timeframeMs(b.timeframe);
      if (barClose !== closeTime) throw new PaperError("BAD_TICK", `${b.symbol} ${b.timeframe} bar at ${b.bar.time} closes at ${barClose}, not at the tick's ${closeTime}`);
      if (b.bar.time <= buf.lastTime) continue;
      if (this.traded.has(buf) && this.clockTime !== null && closeTime < this.clockTime) {
        throw new PaperError("OUT_OF_ORDER", `${b.symbol} ${b.timeframe} bar closing at ${closeTime} arrived after the clock reached ${this.clockTime}`);
      }
      fresh.push({ buf, bar: b });
    }
    for (const f of tick.funding ?? []) this.onFunding(f.symbol, f.time, f.rate);
    const appended = new Set<CandleBuffer>();
    const final = new Set<CandleBuffer>();
    for (const { buf, bar } of fresh) {
      if (bar.bar.time <= buf.lastTime) continue; // the same bar twice in one tick
      buf.append(bar.bar);
      appended.add(buf);
      if (bar.final) final.add(buf);
    }
    const due = this.legs.filter((l) => appended.has(l.series));
    if (due.length === 0) return [];

    this.now = closeTime;
    this.computeColumns(due);
    for (const leg of this.legs) this.refreshContext(leg);
    const events: PaperEvent[] = [];
    this.out = events;
    const book = this.book;

    // 1. outcomes known at closeTime
    for (const leg of due) {
      const pos = leg.st.pos;
      const fundingBefore = pos.open ? pos.funding : 0;
      this.closedFunding.delete(leg.config.id);
      const i = leg.series.length - 1;
      book.settleBar(leg.st, i, final.has(leg.series));
      const fundingAfter = pos.open ? pos.funding : (this.closedFunding.get(leg.config.id) ?? fundingBefore);
      if (fundingAfter !== fundingBefore) {
        events.splice(this.fundingInsertAt(events, leg.config.id), 0, {
          type: "funding",
          time: closeTime,
          ...this.legRef(leg),
          amount: fundingAfter - fundingBefore,
          total: fundingAfter,
        });
      }
      leg.st.next = i + 1;
    }

    // 2. one account mark
    const before = book.risk.snapshot();
    const equity = book.markAccount(this.legs.map((l) => l.st), closeTime);
    const after = book.risk.snapshot();
    this.lastEquity = equity;
    const dayRolled = after.day !== before.day;
    if (before.dailyHalted && dayRolled) events.push({ type: "daily_loss_reset", time: closeTime, dayStartEquity: after.dayStartEquity });
    if (after.dailyHalted && (!before.dailyHalted || dayRolled)) {
      events.push({ type: "daily_loss_limit", time: closeTime, equity, dayStartEquity: after.dayStartEquity });
    }
    if (before.drawdownTrippedAt === null && after.drawdownTrippedAt !== null) {
      events.push({ type: "drawdown_halt", time: closeTime, equity, peakEquity: after.peakEquity });
    }
    events.push({
      type: "equity",
      time: closeTime,
      equity,
      realised: book.realised,
      openPositions: this.legs.filter((l) => l.st.pos.open).length,
      pendingOrders: 0,
    });
    const equityEvent = events.length - 1;

    // 3. decisions at closeTime
    for (const leg of due) {
      const i = leg.series.length - 1;
      book.decideEntry(leg.st, i, final.has(leg.series), closeTime);
    }
    const pendingOrders = this.legs.filter((l) => l.st.pending >= 0).length;
    const eq = events[equityEvent];
    if (eq?.type === "equity") events[equityEvent] = { ...eq, pendingOrders };

    book.trades.length = 0;
    this.clockTime = this.clockTime === null ? closeTime : Math.max(this.clockTime, closeTime);
    this.out = [];
    return events;
  }

  /** The whole trading state as plain JSON-safe data. */
  snapshot(): PaperState {
    const series: PaperSeriesState[] = [];
    for (const sym of this.symbols.values()) {
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
    const funding = [...this.symbols.values()].map((sym) => ({
      symbol: sym.symbol,
      firstTime: sym.funding.firstTime,
      lastTime: sym.funding.length > 0 ? sym.funding.lastTime : null,
      count: sym.funding.length,
    }));
    const legs: PaperLegState[] = this.legs.map((leg) => {
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
    return {
      version: 1,
      clock: this.clockTime,
      realised: this.book.realised,
      equity: this.lastEquity,
      tradeCount: this.tradeCount,
      risk: this.book.risk.snapshot(),
      blocked: { ...this.book.blocked },
      ambiguousBars: this.book.counters.ambiguousBars,
      ambiguousResolvedBy1m: this.book.counters.resolvedBy1m,
      series,
      funding,
      legs,
    };
  }

  // ---------------------------------------------------------------------------------------------------------------

  private buildLegs(config: PaperConfig): LegRuntime[] {
    const minuteBars = config.minuteBars ?? true;
    const inputs: PortfolioLeg[] = [];
    const extras = new Map<string, { config: PaperLegConfig; higher: Timeframe[] }>();
    for (const legConfig of config.legs) {
      const h = legConfig.hypothesis;
      const compiled = compileHypothesis(h);
      exitAtrPeriod(compiled.stop, compiled.target); // throws now rather than on the first bar
      const sym = this.symbolRuntime(legConfig.symbol);
      const higher = compiled.timeframes.filter((tf) => tf !== h.timeframe);
      for (const tf of [h.timeframe, ...higher, ...(minuteBars ? (["1m"] as const) : [])]) this.seriesBuffer(sym, tf);
      if (extras.has(legConfig.id)) throw new PaperError("INVALID_CONFIG", `leg id ${legConfig.id} is used twice`);
      extras.set(legConfig.id, { config: legConfig, higher });
      inputs.push({
        id: legConfig.id,
        series: emptySeries(legConfig.symbol, h.timeframe),
        entrySignal: new Uint8Array(0),
        direction: h.direction,
        atr: new Float64Array(0),
        exits: toEngineExits(compiled.stop, compiled.target),
        maxHoldMinutes: h.maxHoldMinutes,
        slippagePips: h.slippagePips,
        funding: sym.funding.view(),
        ...(minuteBars ? { minute: emptySeries(legConfig.symbol, "1m") } : {}),
        regimes: new Uint8Array(0),
      });
    }
    return preparePortfolioLegs(inputs, config.settings).map((st) => {
      const extra = extras.get(st.ctx.id);
      if (!extra) throw new PaperError("INVALID_CONFIG", `unknown leg ${st.ctx.id}`);
      const sym = this.symbolRuntime(extra.config.symbol);
      const series = this.seriesBuffer(sym, extra.config.hypothesis.timeframe);
      this.traded.add(series);
      const leg: LegRuntime = {
        config: extra.config,
        st,
        ctx: st.ctx as Mutable<LegContext>,
        series,
        higher: extra.higher.map((tf) => this.seriesBuffer(sym, tf)),
        funding: sym.funding,
        minute: minuteBars ? this.seriesBuffer(sym, "1m") : undefined,
        signal: new ColumnBuffer((n) => new Uint8Array(n)),
        atr: new ColumnBuffer((n) => new Float64Array(n)),
        regimes: new ColumnBuffer((n) => new Uint8Array(n)),
        live: LiveLeg.of(extra.config.hypothesis, series, (tf) => this.liveOf(this.seriesBuffer(sym, tf)), config.regime),
      };
      return leg;
    });
  }

  private symbolRuntime(symbol: string): SymbolRuntime {
    let sym = this.symbols.get(symbol);
    if (!sym) {
      const bundle = this.config.replayData?.find((b) => b.symbol === symbol);
      const stored = bundle ? { bundle, cache: new ResearchCache(this.config.regime), legs: new Map(), checked: new Map(), checkedFunding: 0 } : null;
      sym = { symbol, series: new Map(), funding: new FundingBuffer(symbol), stored };
      this.symbols.set(symbol, sym);
    }
    return sym;
  }

  private seriesBuffer(sym: SymbolRuntime, tf: Timeframe): CandleBuffer {
    let buf = sym.series.get(tf);
    if (!buf) {
      buf = new CandleBuffer(sym.symbol, tf);
      sym.series.set(tf, buf);
    }
    return buf;
  }

  private liveOf(buffer: CandleBuffer): { buffer: CandleBuffer; live: LiveSeries } {
    let live = this.liveSeries.get(buffer);
    if (!live) {
      live = new LiveSeries();
      this.liveSeries.set(buffer, live);
    }
    return { buffer, live };
  }

  private bundleOf(symbol: string): MarketBundle {
    const sym = this.symbolRuntime(symbol);
    const series: Partial<Record<Timeframe, CandleSeries>> = {};
    for (const [tf, buf] of sym.series) series[tf] = buf.view();
    return { symbol, series, funding: sym.funding.view() };
  }

  /**
   * Signal, ATR and regime of each due leg's new bar: from the leg's saved indicator state advanced over the bars
   * appended since (whatever their number, so warm-up, restore and gaps need no special case), or, for a rule
   * without a per-bar form, from buildLeg on the bars known now (one cache per symbol, so legs sharing an indicator
   * compute it once). A rule reading a timeframe with no closed bar yet cannot hold (the backtest's closed-bar
   * projection gives 0 there too).
   */
  private computeColumns(due: readonly LegRuntime[]): void {
    const perSymbol = new Map<string, { bundle: MarketBundle; cache: ResearchCache }>();
    for (const leg of due) {
      const i = leg.series.length - 1;
      const stored = this.storedLeg(leg);
      if (stored) {
        leg.signal.set(i, stored.entrySignal[i] ?? 0);
        leg.atr.set(i, stored.atr[i] ?? NaN);
        leg.regimes.set(i, stored.regimes?.[i] ?? REGIME.unknown);
        continue;
      }
      if (leg.higher.some((b) => b.length === 0)) {
        leg.signal.set(i, 0);
        leg.atr.set(i, NaN);
        leg.regimes.set(i, REGIME.unknown);
        continue;
      }
      if (leg.live) {
        const live = leg.live.at(i);
        leg.signal.set(i, live.signal);
        leg.atr.set(i, live.atr);
        leg.regimes.set(i, live.regime);
        continue;
      }
      let shared = perSymbol.get(leg.config.symbol);
      if (!shared) {
        shared = { bundle: this.bundleOf(leg.config.symbol), cache: new ResearchCache(this.config.regime) };
        perSymbol.set(leg.config.symbol, shared);
      }
      const built = buildLeg(leg.config.hypothesis, shared.bundle, shared.cache);
      leg.signal.set(i, built.entrySignal[i] ?? 0);
      leg.atr.set(i, built.atr[i] ?? NaN);
      leg.regimes.set(i, built.regimes?.[i] ?? REGIME.unknown);
    }
  }

  /**
   * The leg built once on the replay data, when everything fed for the symbol so far equals it from its first bar
   * (then its columns up to now are exactly the per-bar ones); null otherwise, for good once the feed diverged.
   */
  private storedLeg(leg: LegRuntime): LegInput | null {
    const sym = this.symbolRuntime(leg.config.symbol);
    const stored = sym.stored;
    if (!stored || !matchesStored(sym, stored, this.now)) {
      sym.stored = null;
      return null;
    }
    let built = stored.legs.get(leg.config.id);
    if (!built) {
      built = buildLeg(leg.config.hypothesis, stored.bundle, stored.cache);
      stored.legs.set(leg.config.id, built);
    }
    return built;
  }

  /** Columns for every loaded bar at once (warm-up, restore): the full-history values equal the incremental ones. */
  private loadColumns(): void {
    const perSymbol = new Map<string, ResearchCache>();
    for (const leg of this.legs) {
      const n = leg.series.length;
      if (n === 0) continue;
      let cache = perSymbol.get(leg.config.symbol);
      if (!cache) {
        cache = new ResearchCache(this.config.regime);
        perSymbol.set(leg.config.symbol, cache);
      }
      if (leg.higher.some((b) => b.length === 0)) {
        for (let i = 0; i < n; i++) {
          leg.signal.set(i, 0);
          leg.atr.set(i, NaN);
          leg.regimes.set(i, REGIME.unknown);
        }
        continue;
      }
      const built = buildLeg(leg.config.hypothesis, this.bundleOf(leg.config.symbol), cache);
      for (let i = 0; i < n; i++) {
        leg.signal.set(i, built.entrySignal[i] ?? 0);
        leg.atr.set(i, built.atr[i] ?? NaN);
        leg.regimes.set(i, built.regimes?.[i] ?? REGIME.unknown);
      }
    }
    for (const leg of this.legs) this.refreshContext(leg);
  }

  /** Points the leg's context at the data known now, and re-reads the next funding time of an open position. */
  private refreshContext(leg: LegRuntime): void {
    const ctx = leg.ctx;
    ctx.series = leg.series.view();
    ctx.entrySignal = leg.signal.view();
    ctx.atr = leg.atr.view();
    ctx.regimes = leg.regimes.view();
    const funding = leg.funding.view();
    ctx.funding = funding;
    if (leg.minute) ctx.minute = leg.minute.view();
    const pos = leg.st.pos;
    // The fill model caches the next rate's time; a rate that became known since is picked up here.
    if (pos.open) pos.nextFundingTime = funding.time[pos.fundingCursor] ?? Infinity;
  }

  private legRef(leg: LegRuntime): { legId: string; symbol: string; timeframe: Timeframe } {
    return { legId: leg.config.id, symbol: leg.config.symbol, timeframe: leg.series.timeframe };
  }

  /** Funding is reported before the position_closed event of the same leg in the same tick. */
  private fundingInsertAt(events: readonly PaperEvent[], legId: string): number {
    for (let k = events.length - 1; k >= 0; k--) {
      const e = events[k];
      if (e?.type === "position_closed" && e.legId === legId) return k;
    }
    return events.length;
  }

  private observer(): PortfolioObserver {
    const byId = (st: PortfolioLegState): LegRuntime => {
      const leg = this.legs.find((l) => l.st === st);
      if (!leg) throw new Error(`unknown leg ${st.ctx.id}`);
      return leg;
    };
    return {
      filled: (st) => {
        const leg = byId(st);
        const p = st.pos;
        this.out.push({
          type: "fill",
          time: this.now,
          ...this.legRef(leg),
          side: st.ctx.direction,
          entryIndex: p.entryIndex,
          entryTime: p.entryTime,
          price: p.entryPrice,
          qty: p.qty,
          stop: p.stop,
          target: p.target,
          fee: p.entryFee,
          slippageCost: p.slippageCost,
        });
      },
      refused: (st, reason, signalIndex) => {
        this.out.push({ type: "entry_blocked", time: this.now, ...this.legRef(byId(st)), reason, stage: "fill", signalIndex });
      },
      closed: (st, trade: Trade) => {
        this.tradeCount++;
        this.closedFunding.set(st.ctx.id, trade.funding);
        this.out.push({ type: "position_closed", time: this.now, ...this.legRef(byId(st)), reason: trade.reason, ambiguity: trade.ambiguity, trade });
      },
      signal: (st, i) => {
        this.out.push({ type: "signal", time: this.now, ...this.legRef(byId(st)), barIndex: i, barTime: st.ctx.series.time[i] ?? NaN });
      },
      blocked: (st, reason, i) => {
        this.out.push({ type: "entry_blocked", time: this.now, ...this.legRef(byId(st)), reason, stage: "decision", signalIndex: i });
      },
      placed: (st, i) => {
        this.out.push({
          type: "order_placed",
          time: this.now,
          ...this.legRef(byId(st)),
          side: st.ctx.direction,
          signalIndex: i,
          signalTime: st.ctx.series.time[i] ?? NaN,
          sizingEquity: st.pendingEquity,
          riskScale: st.pendingScale,
        });
      },
    };
  }
}

/** Checks the bars and rates fed since the last check against the stored ones at the same index. */
function matchesStored(sym: SymbolRuntime, stored: StoredSymbol, now: number): boolean {
  for (const [tf, buf] of sym.series) {
    const s = stored.bundle.series[tf];
    const view = buf.view();
    let k = stored.checked.get(tf) ?? 0;
    if (k < view.length && (!s || s.length < view.length)) return false;
    for (; k < view.length; k++) {
      if (
        view.time[k] !== s?.time[k] ||
        view.open[k] !== s?.open[k] ||
        view.high[k] !== s?.high[k] ||
        view.low[k] !== s?.low[k] ||
        view.close[k] !== s?.close[k] ||
        view.volume[k] !== s?.volume[k]
      ) {
        return false;
      }
    }
    stored.checked.set(tf, k);
    // Nor may the stored data hold a bar closed by now that was not fed.
    if (s && (s.time[view.length] ?? Infinity) + timeframeMs(tf) <= now) return false;
  }
  const f = sym.funding.view();
  const sf = stored.bundle.funding;
  for (let k = stored.checkedFunding; k < f.length; k++) {
    if (f.time[k] !== sf.time[k] || f.rate[k] !== sf.rate[k]) return false;
  }
  stored.checkedFunding = f.length;
  return (sf.time[f.length] ?? Infinity) > now;
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
