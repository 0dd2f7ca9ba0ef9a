import type { LegContext } from "../backtest/leg-context";
import { type PortfolioLeg, type PortfolioLegState, preparePortfolioLegs } from "../backtest/portfolio-step";
import type { CandleSeries } from "../market/series";
import type { Timeframe } from "../market/timeframe";
import { exitAtrPeriod, toEngineExits } from "../hypothesis-runs/engine-exits";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { compileHypothesis } from "../signals/compile-hypothesis";
import { CandleBuffer, ColumnBuffer, FundingBuffer } from "./buffers";
import { PaperError } from "./errors";
import { LiveLeg } from "./live-leg";
import { LiveSeries } from "./live-series";
import { checkLearnedLeg } from "./paper-leg-input";
import { learnedTimeframes } from "../learning/learned-leg";
import { StoredSymbol } from "./replay-columns";
import type { PaperConfig, PaperLegConfig } from "./types";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A leg as the engine runs it: the book's state and the growing data its context points at. */
export interface LegRuntime {
  readonly config: PaperLegConfig;
  readonly symbol: SymbolRuntime;
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

export interface SymbolRuntime {
  readonly symbol: string;
  readonly series: Map<Timeframe, CandleBuffer>;
  readonly funding: FundingBuffer;
  /** Replay data of the symbol while the feed has matched it (null when absent or diverged). */
  stored: StoredSymbol | null;
}

export interface PaperRuntime {
  /** In id order, as the book steps them. */
  readonly legs: LegRuntime[];
  readonly symbols: Map<string, SymbolRuntime>;
  /** Series whose bars make legs due. */
  readonly traded: Set<CandleBuffer>;
}

function emptySeries(symbol: string, timeframe: Timeframe): CandleSeries {
  return new CandleBuffer(symbol, timeframe).view();
}

/**
 * The legs of `config` on empty series, with a buffer for every series they read (one per symbol and timeframe, shared
 * by the legs reading it) and indicator state per series.
 */
export function buildRuntime(config: PaperConfig): PaperRuntime {
  const symbols = new Map<string, SymbolRuntime>();
  const traded = new Set<CandleBuffer>();
  const liveSeries = new Map<CandleBuffer, LiveSeries>();
  const symbolRuntime = (symbol: string): SymbolRuntime => {
    let sym = symbols.get(symbol);
    if (!sym) {
      const bundle = config.replayData?.find((b) => b.symbol === symbol);
      sym = { symbol, series: new Map(), funding: new FundingBuffer(symbol), stored: bundle ? new StoredSymbol(bundle, config.regime) : null };
      symbols.set(symbol, sym);
    }
    return sym;
  };
  const seriesBuffer = (sym: SymbolRuntime, tf: Timeframe): CandleBuffer => {
    let buf = sym.series.get(tf);
    if (!buf) {
      buf = new CandleBuffer(sym.symbol, tf);
      sym.series.set(tf, buf);
    }
    return buf;
  };
  const liveOf = (buffer: CandleBuffer): { buffer: CandleBuffer; live: LiveSeries } => {
    let live = liveSeries.get(buffer);
    if (!live) {
      live = new LiveSeries();
      liveSeries.set(buffer, live);
    }
    return { buffer, live };
  };

  const minuteBars = config.minuteBars ?? true;
  const inputs: PortfolioLeg[] = [];
  const extras = new Map<string, { config: PaperLegConfig; higher: Timeframe[] }>();
  for (const legConfig of config.legs) {
    const h = legConfig.hypothesis;
    const compiled = compileHypothesis(h);
    exitAtrPeriod(compiled.stop, compiled.target); // throws now rather than on the first bar
    checkLearnedLeg(legConfig);
    const sym = symbolRuntime(legConfig.symbol);
    const higher = [...new Set([...compiled.timeframes, ...learnedTimeframes(h)])].filter((tf) => tf !== h.timeframe);
    for (const tf of [h.timeframe, ...higher, ...(minuteBars ? (["1m"] as const) : [])]) seriesBuffer(sym, tf);
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
  const legs = preparePortfolioLegs(inputs, config.settings).map((st) => {
    const extra = extras.get(st.ctx.id);
    if (!extra) throw new PaperError("INVALID_CONFIG", `unknown leg ${st.ctx.id}`);
    const sym = symbolRuntime(extra.config.symbol);
    const series = seriesBuffer(sym, extra.config.hypothesis.timeframe);
    traded.add(series);
    const leg: LegRuntime = {
      config: extra.config,
      symbol: sym,
      st,
      ctx: st.ctx as Mutable<LegContext>,
      series,
      higher: extra.higher.map((tf) => seriesBuffer(sym, tf)),
      funding: sym.funding,
      minute: minuteBars ? seriesBuffer(sym, "1m") : undefined,
      signal: new ColumnBuffer((n) => new Uint8Array(n)),
      atr: new ColumnBuffer((n) => new Float64Array(n)),
      regimes: new ColumnBuffer((n) => new Uint8Array(n)),
      // A learned variant's entries are its members' or its model's, not its own rules': buildLeg's path computes them.
      live: extra.config.hypothesis.learned && extra.config.hypothesis.learned.kind !== "tuned" ? null : LiveLeg.of(extra.config.hypothesis, series, (tf) => liveOf(seriesBuffer(sym, tf)), config.regime),
    };
    return leg;
  });
  return { legs, symbols, traded };
}

/** The symbol's data known now, as a bundle for buildLeg. */
export function symbolBundle(sym: SymbolRuntime): MarketBundle {
  const series: Partial<Record<Timeframe, CandleSeries>> = {};
  for (const [tf, buf] of sym.series) series[tf] = buf.view();
  return { symbol: sym.symbol, series, funding: sym.funding.view() };
}

/** Points the leg's context at the data known now, and re-reads the next funding time of an open position. */
export function refreshContext(leg: LegRuntime): void {
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
