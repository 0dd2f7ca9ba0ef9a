import { advanceEfficiencyRatio, efficiencyRatioState } from "../backtest/efficiency-ratio";
import { regimeOf, type RegimeSettings } from "../backtest/regime";
import type { CandleSeries } from "../market/series";
import { advanceAdx, adxState } from "../signals/indicators/adx";
import { advanceAtr, atrState } from "../signals/indicators/atr";
import { advanceBollinger, bollingerState } from "../signals/indicators/bollinger";
import { advanceEma, emaState } from "../signals/indicators/ema";
import { advanceMacd, macdState } from "../signals/indicators/macd";
import { advanceObv, obvState } from "../signals/indicators/obv";
import { priorHighest, priorLowest } from "../signals/indicators/prior-extreme";
import { advanceRsi, rsiState } from "../signals/indicators/rsi";
import { advanceSma, smaState } from "../signals/indicators/sma";
import { ColumnBuffer } from "./buffers";

/** Values of bars [from, to) of the series, per output; may read earlier bars of the series. */
type Advance = (series: CandleSeries, from: number, to: number) => Readonly<Record<string, Float64Array>>;

/**
 * Columns of one growing series, each advanced only over the bars appended since it was last read, from state that
 * saw every earlier bar: the value at a bar is the whole-series value (the kernels' piece-by-piece tests; the paper
 * engine's live-parity test checks the lot against buildLeg). Shared by every leg reading the series.
 */
export class LiveSeries {
  private readonly streams = new Map<string, LiveStream | null>();

  /** `name(params)` of the indicator registry, or null for one without a per-bar form (ROC: such a leg runs batch). */
  indicator(name: string, params: readonly number[]): LiveStream | null {
    const label = `${name}(${params.join(",")})`;
    let stream = this.streams.get(label);
    if (stream === undefined) {
      const advance = advancer(name, params);
      stream = advance ? new LiveStream(advance) : null;
      this.streams.set(label, stream);
    }
    return stream;
  }

  /** classifyRegimes' code per bar, as a column. */
  regimes(settings: RegimeSettings): LiveStream {
    const label = `regime#${JSON.stringify(settings)}`;
    let stream = this.streams.get(label);
    if (!stream) {
      stream = new LiveStream(regimeAdvancer(settings));
      this.streams.set(label, stream);
    }
    return stream;
  }
}

/** One indicator's output columns, brought up to the series' last bar by `sync`. */
export class LiveStream {
  private readonly outputs = new Map<string, ColumnBuffer<Float64Array>>();
  private length = 0;

  constructor(private readonly advance: Advance) {}

  sync(series: CandleSeries): void {
    if (series.length <= this.length) return;
    const values = this.advance(series, this.length, series.length);
    for (const [name, column] of Object.entries(values)) {
      const out = this.output(name);
      for (let k = 0; k < column.length; k++) out.set(this.length + k, column[k] ?? Number.NaN);
    }
    this.length = series.length;
  }

  output(name: string): ColumnBuffer<Float64Array> {
    let out = this.outputs.get(name);
    if (!out) {
      out = new ColumnBuffer((n) => new Float64Array(n));
      this.outputs.set(name, out);
    }
    return out;
  }
}

const slice = (values: Float64Array, from: number, to: number): Float64Array => values.subarray(from, to);

/**
 * The prior extreme over the last `period + 1` values: the deque of a whole-series pass holds only bars of the
 * window, and which of them it holds depends on later bars only, so the window alone gives the same value.
 */
function extremeAdvancer(extreme: typeof priorHighest, field: "high" | "low", period: number): Advance {
  return (s, from, to) => {
    const out = new Float64Array(to - from);
    for (let t = from; t < to; t++) {
      const window = slice(s[field], Math.max(0, t - period), t + 1);
      out[t - from] = extreme(window, period)[window.length - 1] ?? Number.NaN;
    }
    return { value: out };
  };
}

function advancer(name: string, p: readonly number[]): Advance | null {
  const [a = Number.NaN, b = Number.NaN, c = Number.NaN] = p;
  switch (name) {
    case "SMA": {
      const state = smaState(a);
      return (s, from, to) => ({ value: advanceSma(state, s.close, from, to) });
    }
    case "EMA": {
      const state = emaState(a);
      return (s, from, to) => ({ value: advanceEma(state, slice(s.close, from, to)) });
    }
    case "RSI": {
      const state = rsiState(a);
      return (s, from, to) => ({ value: advanceRsi(state, slice(s.close, from, to)) });
    }
    case "MACD": {
      const state = macdState(a, b, c);
      return (s, from, to) => advanceMacd(state, slice(s.close, from, to));
    }
    case "BB": {
      const state = bollingerState(a, b);
      return (s, from, to) => advanceBollinger(state, s.close, from, to);
    }
    case "ADX": {
      const state = adxState(a);
      return (s, from, to) => advanceAdx(state, slice(s.high, from, to), slice(s.low, from, to), slice(s.close, from, to));
    }
    case "ATR": {
      const state = atrState(a);
      return (s, from, to) => ({ value: advanceAtr(state, slice(s.high, from, to), slice(s.low, from, to), slice(s.close, from, to)) });
    }
    case "OBV": {
      const state = obvState();
      return (s, from, to) => ({ value: advanceObv(state, slice(s.close, from, to), slice(s.volume, from, to)) });
    }
    case "HIGHEST":
      return extremeAdvancer(priorHighest, "high", a);
    case "LOWEST":
      return extremeAdvancer(priorLowest, "low", a);
    default:
      return null;
  }
}

/** classifyRegimes per bar, from the saved states of its ADX and its efficiency ratio. */
function regimeAdvancer(settings: RegimeSettings): Advance {
  const adx = adxState(settings.adxPeriod);
  const efficiency = efficiencyRatioState(settings.efficiencyPeriod);
  return (s, from, to) => {
    const adxValues = advanceAdx(adx, slice(s.high, from, to), slice(s.low, from, to), slice(s.close, from, to)).adx;
    const er = advanceEfficiencyRatio(efficiency, s.close, from, to);
    const out = new Float64Array(to - from);
    for (let k = 0; k < out.length; k++) out[k] = regimeOf(adxValues[k] ?? NaN, er[k] ?? NaN, settings);
    return { regime: out };
  };
}
