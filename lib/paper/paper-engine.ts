import { planEntry, type EntryPlan } from "../backtest/fill-model";
import { PortfolioBook, activeTimeframes } from "../backtest/portfolio-step";
import type { BlockReason } from "../backtest/types";
import type { Candle } from "../market/candle";
import { type Timeframe, timeframeMs } from "../market/timeframe";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import type { Hypothesis } from "../signals/hypothesis";
import type { CandleBuffer } from "./buffers";
import { PaperError } from "./errors";
import { EventRecorder } from "./event-recorder";
import { computeColumns, loadColumns } from "./leg-columns";
import { buildRuntime, type LegRuntime, refreshContext, type SymbolRuntime } from "./leg-runtime";
import { checkSnapshotLegs, checkStateVersion, loadSnapshotHistory, restoreBook, restoreLegs, takeSnapshot } from "./paper-snapshot";
import type { ClosedBar, MarketTick, PaperConfig, PaperEvent, PaperState } from "./types";

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
  private readonly legs: readonly LegRuntime[];
  private readonly symbols: ReadonlyMap<string, SymbolRuntime>;
  /** Series whose bars make legs due. */
  private readonly traded: ReadonlySet<CandleBuffer>;
  private readonly recorder: EventRecorder;
  private book: PortfolioBook;
  private clockTime: number | null = null;
  private lastEquity: number | null = null;

  /**
   * A fresh account. `history` (optional) pre-loads candles and funding as already-processed warm-up: indicators see
   * them, nothing trades on them.
   */
  constructor(config: PaperConfig, history: readonly MarketBundle[] = []) {
    this.config = config;
    const runtime = buildRuntime(config);
    this.legs = runtime.legs;
    this.symbols = runtime.symbols;
    this.traded = runtime.traded;
    this.recorder = new EventRecorder(this.legs);
    this.book = new PortfolioBook(config.settings, activeTimeframes(this.legs.map((l) => l.st)), this.recorder.observer());
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
      loadColumns(this.legs, config.regime);
      for (const leg of this.legs) leg.st.next = leg.series.length;
    }
  }

  /**
   * Resumes from `snapshot()` (after JSON round-trip). `history` must hold at least the bars and funding the snapshot
   * was taken on (the engine keeps exactly those, checked by count); later data is ignored and must be fed as ticks.
   */
  static restore(state: PaperState, config: PaperConfig, history: readonly MarketBundle[]): PaperEngine {
    checkStateVersion(state);
    const engine = new PaperEngine(config);
    checkSnapshotLegs(state, engine.legs);
    loadSnapshotHistory(state, engine.symbols.values(), history);
    loadColumns(engine.legs, config.regime);
    engine.book = restoreBook(state, config, engine.legs, engine.recorder.observer());
    restoreLegs(state, engine.legs);
    engine.clockTime = state.clock;
    engine.lastEquity = state.equity;
    engine.recorder.tradeCount = state.tradeCount;
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

    computeColumns(due, this.config.regime, closeTime);
    for (const leg of this.legs) refreshContext(leg);
    const events = this.recorder.begin(closeTime);
    const book = this.book;

    // 1. outcomes known at closeTime
    for (const leg of due) {
      const i = leg.series.length - 1;
      this.recorder.settling(leg, () => book.settleBar(leg.st, i, final.has(leg.series)));
      leg.st.next = i + 1;
    }

    // 2. one account mark
    const before = book.risk.snapshot();
    const equity = book.markAccount(this.legs.map((l) => l.st), closeTime);
    this.lastEquity = equity;
    this.recorder.marked(before, book.risk.snapshot(), equity, book.realised, this.legs.filter((l) => l.st.pos.open).length);

    // 3. decisions at closeTime
    for (const leg of due) {
      const i = leg.series.length - 1;
      book.decideEntry(leg.st, i, final.has(leg.series), closeTime);
    }
    this.recorder.decided(this.legs.filter((l) => l.st.pending >= 0).length);

    book.trades.length = 0;
    this.clockTime = this.clockTime === null ? closeTime : Math.max(this.clockTime, closeTime);
    this.recorder.end();
    return events;
  }

  /** The whole trading state as plain JSON-safe data. */
  snapshot(): PaperState {
    return takeSnapshot({
      symbols: this.symbols.values(),
      legs: this.legs,
      book: this.book,
      clock: this.clockTime,
      equity: this.lastEquity,
      tradeCount: this.recorder.tradeCount,
    });
  }
}
