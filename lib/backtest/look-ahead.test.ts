import { describe, expect, it } from "vitest";
import type { CandleSeries, FundingSeries } from "../market/series";
import { truncateSeries } from "../market/series";
import { classifyRegimes } from "./regime";
import { runBacktest } from "./run-backtest";
import { MINUTE, T0 } from "./testing/build-series";
import { uniformDraws } from "../market/testing/uniform-draws";
import type { BacktestInput, Direction, Trade } from "./types";

const BAR = 5 * MINUTE;
const REGIME_SETTINGS = { adxPeriod: 14, efficiencyPeriod: 20, trendingAdx: 25, trendingEfficiency: 0.3, choppyEfficiency: 0.15 };

function series(timeframe: "1m" | "5m", length: number, time: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): CandleSeries {
  return { symbol: "RNDUSDT.P", timeframe, length, time, open, high, low, close, volume: new Float64Array(length) };
}

/** 1m random walk with holes, its 5m aggregation, hourly funding (denser than real, so trades cross events), and seeded sparse signals. */
function world(seed: number, bars: number) {
  const random = uniformDraws(seed);
  const minutes = bars * 5;
  const mt = new Float64Array(minutes);
  const mo = new Float64Array(minutes);
  const mh = new Float64Array(minutes);
  const ml = new Float64Array(minutes);
  const mc = new Float64Array(minutes);
  let price = 100;
  for (let k = 0; k < minutes; k++) {
    const next = price * (1 + (random() - 0.5) * 0.006);
    mt[k] = T0 + k * MINUTE;
    mo[k] = price;
    mc[k] = next;
    mh[k] = Math.max(price, next) * (1 + random() * 0.002);
    ml[k] = Math.min(price, next) * (1 - random() * 0.002);
    price = next;
  }
  const bt = new Float64Array(bars);
  const bo = new Float64Array(bars);
  const bh = new Float64Array(bars);
  const bl = new Float64Array(bars);
  const bc = new Float64Array(bars);
  for (let i = 0; i < bars; i++) {
    const first = i * 5;
    bt[i] = mt[first] ?? NaN;
    bo[i] = mo[first] ?? NaN;
    bc[i] = mc[first + 4] ?? NaN;
    bh[i] = Math.max(...mh.subarray(first, first + 5));
    bl[i] = Math.min(...ml.subarray(first, first + 5));
  }
  // Drop ~35 % of minutes so some ambiguous bars fall back to "stop first".
  const keep: number[] = [];
  for (let k = 0; k < minutes; k++) if (random() > 0.35) keep.push(k);
  const pick = (a: Float64Array) => Float64Array.from(keep, (k) => a[k] ?? NaN);
  const minute = series("1m", keep.length, pick(mt), pick(mo), pick(mh), pick(ml), pick(mc));
  const main = series("5m", bars, bt, bo, bh, bl, bc);
  const events = Math.floor((bars * BAR) / (60 * MINUTE)) + 1;
  const funding: FundingSeries = {
    symbol: "RNDUSDT.P",
    length: events,
    time: Float64Array.from({ length: events }, (_, k) => T0 + k * 60 * MINUTE + (k % 3) * 7 * MINUTE),
    rate: Float64Array.from({ length: events }, () => (random() - 0.4) * 0.001),
  };
  const entrySignal = Uint8Array.from({ length: bars }, () => (random() < 0.04 ? 1 : 0));
  return { main, minute, funding, entrySignal };
}

/** Causal ATR (simple mean of true range over 14 bars); NaN during warm-up. */
function causalAtr(s: CandleSeries): Float64Array {
  const out = new Float64Array(s.length).fill(NaN);
  const tr: number[] = [];
  for (let i = 1; i < s.length; i++) {
    const prev = s.close[i - 1] ?? NaN;
    const h = s.high[i] ?? NaN;
    const l = s.low[i] ?? NaN;
    tr.push(Math.max(h - l, Math.abs(h - prev), Math.abs(l - prev)));
    if (tr.length >= 14) out[i] = tr.slice(-14).reduce((a, b) => a + b, 0) / 14;
  }
  return out;
}

/** Tight exits make bars hitting both common; wide ones make trades cross funding events and reach the time stop. */
const EXITS = {
  tight: { exits: { stop: { kind: "atr", multiple: 0.3 }, target: { kind: "r", multiple: 1 } }, maxHoldMinutes: 480 },
  wide: { exits: { stop: { kind: "atr", multiple: 2 }, target: { kind: "r", multiple: 2 } }, maxHoldMinutes: 120 },
} as const satisfies Record<string, Pick<BacktestInput, "exits" | "maxHoldMinutes">>;

function inputsUpTo(w: ReturnType<typeof world>, direction: Direction, exits: keyof typeof EXITS, barCount: number): BacktestInput {
  const cut = T0 + barCount * BAR; // close time of the last kept bar
  const main = truncateSeries(w.main, barCount);
  const minuteCount = w.minute.time.findIndex((t) => t + MINUTE > cut);
  const minute = truncateSeries(w.minute, minuteCount < 0 ? w.minute.length : minuteCount);
  const fundingCount = w.funding.time.findIndex((t) => t > cut);
  const n = fundingCount < 0 ? w.funding.length : fundingCount;
  return {
    series: main,
    entrySignal: w.entrySignal.subarray(0, barCount),
    direction,
    // Indicators are recomputed on the truncated data: their causality is part of the property.
    atr: causalAtr(main),
    regimes: classifyRegimes(main, REGIME_SETTINGS),
    ...EXITS[exits],
    slippagePips: 1.5,
    fees: { taker: 0.0005, maker: 0.0002 },
    sizing: { mode: "risk", riskFraction: 0.02, leverage: 3 },
    startingEquity: 10_000,
    funding: { symbol: w.funding.symbol, length: n, time: w.funding.time.subarray(0, n), rate: w.funding.rate.subarray(0, n) },
    minute,
  };
}

describe("no look-ahead", () => {
  for (const direction of ["long", "short"] as const) {
    for (const exits of ["tight", "wide"] as const) {
      it(`a ${direction} run with ${exits} exits on data cut at T repeats every trade whose exit bar closed by T`, () => {
        const bars = 1_500;
        const w = world(direction === "long" ? 7 : 11, bars);
        const full = runBacktest(inputsUpTo(w, direction, exits, bars));
        expect(full.trades.length).toBeGreaterThan(20);
        if (exits === "tight") {
          expect(full.ambiguousResolvedBy1m).toBeGreaterThan(0);
          expect(full.ambiguousBars).toBeGreaterThan(full.ambiguousResolvedBy1m);
        } else {
          expect(full.trades.filter((t) => t.funding !== 0).length).toBeGreaterThan(5);
          expect(full.trades.some((t) => t.reason === "time")).toBe(true);
        }
        const random = uniformDraws(99);
        const cuts = Array.from({ length: 40 }, () => 30 + Math.floor(random() * (bars - 30)));
        for (const cutBars of cuts) {
          const cut = runBacktest(inputsUpTo(w, direction, exits, cutBars));
          const closedBefore = (t: Trade) => t.exitIndex < cutBars;
          expect(cut.trades.filter((t) => t.reason !== "end_of_data")).toEqual(full.trades.filter(closedBefore));
          // The equity curve agrees up to the bar before the cut (the last bar may hold an end-of-data exit).
          expect(Array.from(cut.equity.subarray(0, cutBars - 1))).toEqual(Array.from(full.equity.subarray(0, cutBars - 1)));
        }
      });
    }
  }
});
