import { describe, expect, it } from "vitest";
import { classifyRegimes } from "../backtest/regime";
import type { Timeframe } from "../market/timeframe";
import { buildLeg } from "../hypothesis-runs/build-leg";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { findIndicator } from "../signals/indicator-registry";
import { CandleBuffer } from "./buffers";
import { LiveLeg } from "./live-leg";
import { LiveSeries } from "./live-series";
import { PaperEngine, paperLegId } from "./paper-engine";
import { replayTicks } from "./replay-feed";
import { CONFIG, backtestOf, settingsOf } from "./testing/backtest-of";
import { replayInto, tradesOf } from "./testing/replay-into";
import { generatedBundles } from "./testing/generated-bundles";
import { hypothesis } from "./testing/test-hypothesis";
import type { PaperConfig } from "./types";

// 20 days of 5m bars (5,760 a symbol) with their 30m chart; no 1m, so the live run stays quick.
const bundles: MarketBundle[] = generatedBundles(["BTCUSDT.P", "ETHUSDT.P"], 20, ["5m", "30m"], 5).map((b) => ({
  ...b,
  series: { "5m": b.series["5m"], "30m": b.series["30m"] },
}));

const HYPOTHESES = [
  hypothesis({ id: "rsi-long", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 40"], stopLoss: "1.5 ATR below entry", target: "2R" }),
  hypothesis({ id: "rsi-short", timeframe: "5m", direction: "short", entryConditions: ["RSI(14) > 60"], stopLoss: "1.5 ATR above entry", target: "2R" }),
  hypothesis({ id: "ema-adx", timeframe: "5m", direction: "long", entryConditions: ["EMA(9) crosses above EMA(20)", "ADX(14) > 20"], stopLoss: "1 ATR below entry", target: "2R" }),
  hypothesis({ id: "bb-short", timeframe: "5m", direction: "short", entryConditions: ["Close > BB(20,2).upper", "Close > SMA(50)"], stopLoss: "40 bps", target: "60 bps" }),
  hypothesis({ id: "htf-long", timeframe: "5m", direction: "long", entryConditions: ["Close crosses above EMA(20)", "30m: EMA(20) > EMA(50)", "30m: ADX(14) > 20"], stopLoss: "2 ATR below entry", target: "2R" }),
  hypothesis({
    id: "mixed-short",
    timeframe: "5m",
    direction: "short",
    entryConditions: ["Close < LOWEST(20)", "1.5x Volume average < Volume", "MACD(12,26,9).histogram falling 2", "OBV < OBV average(30)"],
    stopLoss: "1 ATR above entry",
    target: "1.5R",
  }),
  hypothesis({ id: "breakout", timeframe: "5m", direction: "long", entryConditions: ["Close > HIGHEST(20)", "ATR(14) > 1.2x ATR(14) average"], stopLoss: "1 ATR below entry", target: "2R" }),
];

const same = (a: number, b: number): boolean => Object.is(a, b);

/** Feeds `series` one bar at a time; the column after each bar's sync, at that bar. */
function fedBarByBar(symbol: string, series: NonNullable<MarketBundle["series"]["5m"]>, read: (live: LiveSeries, buffer: CandleBuffer) => Record<string, Float64Array>): Record<string, Float64Array> {
  const buffer = new CandleBuffer(symbol, series.timeframe);
  const live = new LiveSeries();
  const out: Record<string, Float64Array> = {};
  for (let t = 0; t < series.length; t++) {
    buffer.appendFrom(series, t, t + 1);
    for (const [name, column] of Object.entries(read(live, buffer))) (out[name] ??= new Float64Array(series.length))[t] = column[t] ?? NaN;
  }
  return out;
}

const mismatchesOf = (got: Float64Array | undefined, want: ArrayLike<number> | undefined): number[] => {
  const bad: number[] = [];
  for (let t = 0; t < (want?.length ?? 0); t++) if (!Object.is(got?.[t], want?.[t])) bad.push(t);
  return bad.slice(0, 5);
};

describe("LiveSeries", () => {
  const bundle = bundles[0] as MarketBundle;
  const series = bundle.series["5m"] as NonNullable<MarketBundle["series"]["5m"]>;
  const cases: [string, number[]][] = [
    ["SMA", [20]], ["SMA", [50]], ["EMA", [9]], ["RSI", [14]], ["MACD", [12, 26, 9]], ["BB", [20, 2]], ["ADX", [14]], ["ATR", [14]], ["OBV", []], ["HIGHEST", [20]], ["LOWEST", [20]],
  ];

  it.each(cases)("%s(%s) fed one bar at a time equals the registry's whole-series columns, bit for bit", (name, params) => {
    const def = findIndicator(name);
    if (!def) throw new Error(name);
    const want = def.compute(series, params);
    const got = fedBarByBar(bundle.symbol, series, (live, buffer) => {
      const stream = live.indicator(name, params);
      stream?.sync(buffer.view());
      return Object.fromEntries(def.outputs.map((o) => [o, stream?.output(o).view() ?? new Float64Array(0)]));
    });
    for (const output of def.outputs) expect({ output, bad: mismatchesOf(got[output], want[output]) }).toEqual({ output, bad: [] });
  });

  it("regimes fed one bar at a time equal classifyRegimes", () => {
    const got = fedBarByBar(bundle.symbol, series, (live, buffer) => {
      const stream = live.regimes(CONFIG.regime);
      stream.sync(buffer.view());
      return { regime: stream.output("regime").view() };
    });
    expect(mismatchesOf(got.regime, classifyRegimes(series, CONFIG.regime))).toEqual([]);
  });
});

describe("LiveLeg", () => {
  it("gives buildLeg's signal, ATR and regime at every bar, fed one tick at a time", () => {
    for (const bundle of bundles) {
      const buffers = new Map<Timeframe, CandleBuffer>((["5m", "30m"] as const).map((tf) => [tf, new CandleBuffer(bundle.symbol, tf)]));
      const live = new Map<CandleBuffer, LiveSeries>([...buffers.values()].map((b) => [b, new LiveSeries()]));
      const seriesOf = (tf: Timeframe) => {
        const buffer = buffers.get(tf) as CandleBuffer;
        return { buffer, live: live.get(buffer) as LiveSeries };
      };
      const base = buffers.get("5m") as CandleBuffer;
      const cache = new ResearchCache(CONFIG.regime);
      const legs = HYPOTHESES.map((h) => ({ batch: buildLeg(h, bundle, cache), live: LiveLeg.of(h, base, seriesOf, CONFIG.regime) }));
      const n = bundle.series["5m"]?.length ?? 0;
      expect(n).toBeGreaterThan(5000);
      const mismatches: string[] = [];
      const fired = new Array<number>(legs.length).fill(0);
      for (const tick of replayTicks([bundle], { endOfData: true })) {
        let baseBar = false;
        for (const b of tick.bars) {
          buffers.get(b.timeframe)?.append(b.bar);
          if (b.timeframe === "5m") baseBar = true;
        }
        if (!baseBar) continue;
        const i = base.length - 1;
        legs.forEach(({ batch, live: leg }, k) => {
          const got = leg?.at(i);
          if (!got) throw new Error(`${HYPOTHESES[k]?.id} has no live form`);
          fired[k] = (fired[k] ?? 0) + got.signal;
          if (!same(got.signal, batch.entrySignal[i] ?? NaN)) mismatches.push(`${HYPOTHESES[k]?.id} signal @${i}`);
          if (!same(got.atr, batch.atr[i] ?? NaN)) mismatches.push(`${HYPOTHESES[k]?.id} atr @${i}`);
          if (!same(got.regime, batch.regimes?.[i] ?? NaN)) mismatches.push(`${HYPOTHESES[k]?.id} regime @${i}`);
        });
      }
      expect(base.length).toBe(n);
      expect(mismatches.slice(0, 10)).toEqual([]);
      // Every rule fires, so the signal columns compared are not all zeros.
      for (const count of fired) expect(count).toBeGreaterThan(0);
    }
  });

  it("has no per-bar form for Funding or ROC rules (those legs stay on buildLeg)", () => {
    const base = new CandleBuffer("BTCUSDT.P", "5m");
    const seriesOf = () => ({ buffer: base, live: new LiveSeries() });
    const leg = (rule: string) => LiveLeg.of(hypothesis({ id: "x", timeframe: "5m", direction: "long", entryConditions: [rule], stopLoss: "1 ATR below entry", target: "2R" }), base, seriesOf, CONFIG.regime);
    expect(leg("Funding > 0.0001")).toBeNull();
    expect(leg("ROC(10) > 1")).toBeNull();
    expect(leg("RSI(14) < 30")).not.toBeNull();
  });
});

describe("PaperEngine live mode", () => {
  const config: PaperConfig = {
    legs: bundles.flatMap((b) => HYPOTHESES.map((h) => ({ id: paperLegId(b.symbol, h), symbol: b.symbol, hypothesis: h }))),
    settings: settingsOf({ limits: { ...settingsOf().limits, maxConcurrent: 6 } }),
    regime: CONFIG.regime,
    minuteBars: false,
  };

  it("trades, signals and reports exactly as the replay computed once on the whole series, and as runPortfolio", () => {
    const live = replayInto(new PaperEngine(config), bundles);
    const replay = replayInto(new PaperEngine({ ...config, replayData: bundles }), bundles);
    const trades = tradesOf(live);
    expect(trades.length).toBeGreaterThan(100);
    expect(new Set(trades.map((t) => t.side))).toEqual(new Set(["long", "short"]));
    expect(live).toEqual(replay);
    expect(trades).toEqual(backtestOf(config, bundles).trades);
  });
});
