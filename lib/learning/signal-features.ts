import { barCloseTimes } from "@/lib/backtest/bar-close-times";
import { REGIME } from "@/lib/backtest/regime-codes";
import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import type { IndicatorCache } from "@/lib/signals/indicator-cache";
import { findIndicator, type IndicatorDefinition } from "@/lib/signals/indicator-registry";
import { closedBarIndex, fundingAtClose } from "@/lib/signals/timeframe-alignment";
import { LearningError } from "./errors";

/** Named feature columns, one value per bar of the base series, each known at that bar's close. All finite. */
export interface FeatureMatrix {
  readonly names: readonly string[];
  readonly columns: Float64Array[];
}

/** A closed trade of the hypothesis itself: it informs bar i only if it exited at or before bar i's close. */
export interface ClosedTradeOutcome {
  readonly exitTime: number;
  readonly netPnl: number;
}

/** A column a caller adds (an ensemble member's vote): one finite value per bar, known at the bar's close. */
export interface ExtraFeature {
  readonly name: string;
  readonly values: ArrayLike<number>;
}

export interface SignalFeatureInput {
  /** The hypothesis's own timeframe. */
  readonly series: CandleSeries;
  /** The trend filter's timeframe (e.g. 30m); its bar counts only once closed. */
  readonly higher?: CandleSeries;
  readonly funding?: FundingSeries;
  /** Regime code per bar of `series` (lib/backtest/regime). */
  readonly regimes?: Uint8Array;
  /** Shares the indicator columns the hypothesis's rules computed already. */
  readonly cache?: IndicatorCache;
  /** The plain hypothesis's trades (see RECENT_TRADES). */
  readonly closedTrades?: readonly ClosedTradeOutcome[];
  readonly extra?: readonly ExtraFeature[];
}

/**
 * The base features, in column order. Warm-up and missing inputs read as the neutral value of each (a random forest
 * takes no NaN, and a neutral value keeps a bar without information from looking like an extreme):
 * - `regime`: code 0 trending, 1 ranging, 2 choppy, 3 unknown (warm-up, or no regimes given);
 * - `adx14`: ADX(14), 0 (no measured trend) in warm-up;
 * - `atr14_pct`: ATR(14) as % of the close, 0 in warm-up;
 * - `funding_8h`: the last funding print known at the close as an 8-hour rate, 0 before two prints are known;
 * - `htf_trend_pct`: the last CLOSED higher-timeframe bar's close vs its SMA(50), signed %, 0 before one is defined;
 * - `volume_z20`: z-score of the bar's volume within the last 20 bars (itself included), 0 in warm-up or flat volume;
 * - `hour_utc`: hour of the bar's close, UTC;
 * - `return_12_pct`: ROC(12) of close, %, 0 in warm-up;
 * - `recent_win_rate`, `recent_trades`: win rate (0.5 with none) and count of the last 10 trades closed by the bar's close.
 */
export const BASE_FEATURE_NAMES = [
  "regime",
  "adx14",
  "atr14_pct",
  "funding_8h",
  "htf_trend_pct",
  "volume_z20",
  "hour_utc",
  "return_12_pct",
  "recent_win_rate",
  "recent_trades",
] as const;

/** How many of the hypothesis's latest closed trades its recent-results features read. */
export const RECENT_TRADES = 10;
const VOLUME_WINDOW = 20;
const HTF_SMA = 50;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function registry(name: string): IndicatorDefinition {
  const def = findIndicator(name);
  if (!def) throw new Error(`the indicator registry has no ${name}`);
  return def;
}

function output(series: CandleSeries, cache: IndicatorCache | undefined, name: string, params: readonly number[], key: string): Float64Array {
  const def = registry(name);
  const outputs = cache ? cache.indicator(series, def, params) : def.compute(series, params);
  const column = outputs[key];
  if (!column) throw new Error(`${name} has no output "${key}"`);
  return column;
}

const finiteOr = (value: number | undefined, neutral: number): number => (value !== undefined && Number.isFinite(value) ? value : neutral);

function mapColumn(n: number, at: (i: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = at(i);
  return out;
}

function volumeZ(volume: Float64Array): Float64Array {
  return mapColumn(volume.length, (i) => {
    if (i < VOLUME_WINDOW - 1) return 0;
    let sum = 0;
    for (let k = i - VOLUME_WINDOW + 1; k <= i; k++) sum += volume[k] ?? 0;
    const mean = sum / VOLUME_WINDOW;
    let ss = 0;
    for (let k = i - VOLUME_WINDOW + 1; k <= i; k++) ss += ((volume[k] ?? 0) - mean) ** 2;
    const sd = Math.sqrt(ss / VOLUME_WINDOW);
    return sd > 0 ? ((volume[i] ?? 0) - mean) / sd : 0;
  });
}

function higherTrend(series: CandleSeries, higher: CandleSeries | undefined, cache: IndicatorCache | undefined): Float64Array {
  if (!higher) return new Float64Array(series.length);
  const average = output(higher, cache, "SMA", [HTF_SMA], "value");
  const closed = closedBarIndex(series, higher);
  return mapColumn(series.length, (i) => {
    const j = closed[i] ?? -1;
    if (j < 0) return 0;
    const sma = average[j] ?? Number.NaN;
    return finiteOr(((higher.close[j] ?? Number.NaN) / sma - 1) * 100, 0);
  });
}

/**
 * Win rate and count of the last RECENT_TRADES trades whose exit is before each bar's close. Strictly before: a trade
 * exiting within the bar is stamped with the bar's close, and on data that ends at that bar the engine closes it as
 * end of data instead, so only an earlier exit reads the same on the data known at the bar.
 */
function recentResults(closeTimes: Float64Array, trades: readonly ClosedTradeOutcome[]): { winRate: Float64Array; count: Float64Array } {
  const sorted = [...trades].sort((a, b) => a.exitTime - b.exitTime);
  const winsBefore = new Int32Array(sorted.length + 1);
  sorted.forEach((t, k) => {
    winsBefore[k + 1] = (winsBefore[k] ?? 0) + (t.netPnl > 0 ? 1 : 0);
  });
  const n = closeTimes.length;
  const winRate = new Float64Array(n);
  const count = new Float64Array(n);
  let closed = 0;
  for (let i = 0; i < n; i++) {
    const close = closeTimes[i] ?? Number.NaN;
    while (closed < sorted.length && (sorted[closed]?.exitTime ?? Number.POSITIVE_INFINITY) < close) closed++;
    const from = Math.max(0, closed - RECENT_TRADES);
    const k = closed - from;
    count[i] = k;
    winRate[i] = k > 0 ? ((winsBefore[closed] ?? 0) - (winsBefore[from] ?? 0)) / k : 0.5;
  }
  return { winRate, count };
}

function extraColumn(extra: ExtraFeature, n: number, taken: ReadonlySet<string>): Float64Array {
  if (extra.name.length === 0 || taken.has(extra.name)) throw new LearningError("INVALID_INPUT", `extra feature name "${extra.name}" is empty or already taken`);
  if (extra.values.length !== n) throw new LearningError("INVALID_INPUT", `extra feature ${extra.name} has ${extra.values.length} values for ${n} bars`);
  return Float64Array.from(extra.values);
}

/**
 * The features of every bar of `series`, each computed from what was known at that bar's close: indicators from the
 * registry's exact kernels (shared through `cache`), the higher timeframe only through its closed bars, funding only
 * through prints at or before the close, the hypothesis's own trades only once closed. Throws LearningError when a
 * column is not finite (bad prices) or an extra column does not fit.
 */
export function signalFeatures(input: SignalFeatureInput): FeatureMatrix {
  const { series, cache } = input;
  const n = series.length;
  if (input.regimes && input.regimes.length !== n) throw new LearningError("INVALID_INPUT", `regimes has ${input.regimes.length} codes for ${n} bars`);
  const closeTimes = barCloseTimes(series);
  const adx = output(series, cache, "ADX", [14], "adx");
  const atr = output(series, cache, "ATR", [14], "value");
  const roc = output(series, cache, "ROC", [12], "value");
  const funding = input.funding ? fundingAtClose(series, input.funding) : undefined;
  const recent = recentResults(closeTimes, input.closedTrades ?? []);
  const columns: Float64Array[] = [
    mapColumn(n, (i) => input.regimes?.[i] ?? REGIME.unknown),
    mapColumn(n, (i) => finiteOr(adx[i], 0)),
    mapColumn(n, (i) => finiteOr(((atr[i] ?? Number.NaN) / (series.close[i] ?? Number.NaN)) * 100, 0)),
    mapColumn(n, (i) => finiteOr(funding?.[i], 0)),
    higherTrend(series, input.higher, cache),
    volumeZ(series.volume),
    mapColumn(n, (i) => Math.floor(((((closeTimes[i] ?? 0) % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS)),
    mapColumn(n, (i) => finiteOr(roc[i], 0)),
    recent.winRate,
    recent.count,
  ];
  const names: string[] = [...BASE_FEATURE_NAMES];
  for (const extra of input.extra ?? []) {
    columns.push(extraColumn(extra, n, new Set(names)));
    names.push(extra.name);
  }
  columns.forEach((column, c) => {
    const bad = column.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new LearningError("INVALID_INPUT", `feature ${names[c]} is not finite at bar ${bad} (check the series' prices and volumes)`);
  });
  return { names, columns };
}

/** The feature values of bar `i`, in column order: one row of a classifier's input. */
export function featureRow(features: FeatureMatrix, i: number): number[] {
  return features.columns.map((column) => column[i] ?? Number.NaN);
}
