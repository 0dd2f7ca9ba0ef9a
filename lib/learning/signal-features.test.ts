import { describe, expect, it } from "vitest";
import { classifyRegimes } from "@/lib/backtest/regime";
import { REGIME } from "@/lib/backtest/regime-codes";
import { configSchema } from "@/lib/config-schema";
import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { randomFundingSeries } from "@/lib/market/testing/random-funding-series";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { resampleUnchecked } from "@/lib/market/testing/resample-unchecked";
import { uniformDraws } from "@/lib/market/testing/uniform-draws";
import { timeframeMs } from "@/lib/market/timeframe";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { BASE_FEATURE_NAMES, type ClosedTradeOutcome, featureRow, signalFeatures } from "./signal-features";

const REGIME_SETTINGS = configSchema.parse({}).regime;
const FIVE = timeframeMs("5m");
const minute = randomWalkSeries("BTCUSDT.P", "1m", 15_000, 7);
const end = (minute.time[minute.length - 1] ?? 0) + 60_000;
const funding = randomFundingSeries("BTCUSDT.P", minute.time[0] ?? 0, end, 11);
const rand = uniformDraws(3);
/** Trades exiting at random moments (some inside a bar, as stops do), half of them winners. */
const trades: ClosedTradeOutcome[] = Array.from({ length: 300 }, () => ({ exitTime: (minute.time[0] ?? 0) + Math.floor(rand() * (end - (minute.time[0] ?? 0))), netPnl: rand() - 0.5 }));

function cut<T extends CandleSeries>(s: T, n: number): CandleSeries {
  return { ...s, length: n, time: s.time.subarray(0, n), open: s.open.subarray(0, n), high: s.high.subarray(0, n), low: s.low.subarray(0, n), close: s.close.subarray(0, n), volume: s.volume.subarray(0, n) };
}

/** Everything a live system has when a 5m bar closes at `closeTime`: 1m candles so far (the 30m bar may be unfinished), funding printed, trades closed. */
function knownAt(closeTime: number): { base: CandleSeries; higher: CandleSeries; funding: FundingSeries; trades: ClosedTradeOutcome[] } {
  let n = 0;
  while (n < minute.length && (minute.time[n] ?? Infinity) + 60_000 <= closeTime) n++;
  const known = cut(minute, n);
  let f = 0;
  while (f < funding.length && (funding.time[f] ?? Infinity) <= closeTime) f++;
  return {
    base: resampleUnchecked(known, "5m"),
    higher: resampleUnchecked(known, "30m"),
    funding: { ...funding, length: f, time: funding.time.subarray(0, f), rate: funding.rate.subarray(0, f) },
    trades: trades.filter((t) => t.exitTime <= closeTime),
  };
}

function featuresOf(k: ReturnType<typeof knownAt>, cache?: IndicatorCache) {
  return signalFeatures({ series: k.base, higher: k.higher, funding: k.funding, regimes: classifyRegimes(k.base, REGIME_SETTINGS), cache, closedTrades: k.trades });
}

describe("signalFeatures", () => {
  const full = knownAt(end);
  const features = featuresOf(full, new IndicatorCache());

  it("gives every bar a finite value of every base feature", () => {
    expect(features.names).toEqual([...BASE_FEATURE_NAMES]);
    expect(features.columns).toHaveLength(BASE_FEATURE_NAMES.length);
    for (const column of features.columns) {
      expect(column).toHaveLength(full.base.length);
      expect(column.every(Number.isFinite)).toBe(true);
    }
  });

  it("no look-ahead: bar i's features are identical when everything after bar i's close is cut away", () => {
    const bars = [0, 1, 13, 19, 20, 27, 28, 50, 300, 301, 302, 1500, full.base.length - 2, full.base.length - 1];
    for (let k = 0; k < 20; k++) bars.push(Math.floor(rand() * full.base.length));
    for (const i of bars) {
      const known = knownAt((full.base.time[i] ?? 0) + FIVE);
      expect(known.base.length).toBe(i + 1);
      expect(featureRow(featuresOf(known), i), `bar ${i}`).toEqual(featureRow(features, i));
    }
  });

  it("reads the same with or without a shared indicator cache", () => {
    expect(featuresOf(full).columns).toEqual(features.columns);
  });

  it("fills warm-up with the documented neutral values", () => {
    const row = Object.fromEntries(features.names.map((name, c) => [name, features.columns[c]?.[0]]));
    expect(row).toMatchObject({ regime: REGIME.unknown, adx14: 0, atr14_pct: 0, htf_trend_pct: 0, volume_z20: 0, return_12_pct: 0 });
    const bare = signalFeatures({ series: full.base });
    const col = (name: string) => bare.columns[bare.names.indexOf(name)];
    expect(col("regime")?.every((v) => v === REGIME.unknown)).toBe(true);
    expect(col("funding_8h")?.every((v) => v === 0)).toBe(true);
    expect(col("htf_trend_pct")?.every((v) => v === 0)).toBe(true);
    expect(col("recent_win_rate")?.every((v) => v === 0.5)).toBe(true);
    expect(col("recent_trades")?.every((v) => v === 0)).toBe(true);
  });

  it("takes the hour of the bar's close in UTC, and funding as an 8-hour rate", () => {
    const hour = features.columns[features.names.indexOf("hour_utc")];
    // Bars open from midnight: bar 11 closes at 01:00, bar 10 at 00:55.
    expect([hour?.[10], hour?.[11], hour?.[287]]).toEqual([0, 1, 0]);
    const hourly: FundingSeries = { symbol: "X", length: 3, time: Float64Array.from([0, 3_600_000, 7_200_000].map((t) => t + (full.base.time[0] ?? 0))), rate: Float64Array.from([0.0001, 0.0002, 0.0003]) };
    const f = signalFeatures({ series: full.base, funding: hourly }).columns[3];
    // The second print (01:00) is known at the close of bar 11; hourly funding reads 8× as an 8-hour rate.
    expect(f?.[10]).toBe(0);
    expect(f?.[11]).toBeCloseTo(0.0016, 12);
    expect(f?.[30]).toBeCloseTo(0.0024, 12);
  });

  it("counts a trade from the first bar closing after its exit, over the last ten", () => {
    const t0 = full.base.time[0] ?? 0;
    const own = Array.from({ length: 12 }, (_, k) => ({ exitTime: t0 + (k + 1) * FIVE, netPnl: k < 2 ? -1 : 1 }));
    const f = signalFeatures({ series: full.base, closedTrades: own });
    const rate = f.columns[f.names.indexOf("recent_win_rate")];
    const count = f.columns[f.names.indexOf("recent_trades")];
    // Bar 0 closes at t0 + 5m, when the first trade (a loss) exits: on data ending there the engine would close it
    // as end of data, so it counts from bar 1 on.
    expect([count?.[0], rate?.[0]]).toEqual([0, 0.5]);
    expect([count?.[1], rate?.[1]]).toEqual([1, 0]);
    expect([count?.[3], rate?.[3]]).toEqual([3, 1 / 3]);
    expect([count?.[12], rate?.[12]]).toEqual([10, 1]);
  });

  it("appends extra named columns and refuses ones that do not fit", () => {
    const votes = new Uint8Array(full.base.length).fill(1);
    const f = signalFeatures({ series: full.base, extra: [{ name: "vote:h_a", values: votes }] });
    expect(f.names.at(-1)).toBe("vote:h_a");
    expect(f.columns.at(-1)?.every((v) => v === 1)).toBe(true);
    expect(() => signalFeatures({ series: full.base, extra: [{ name: "vote:h_a", values: votes.subarray(1) }] })).toThrow(/vote:h_a has/);
    expect(() => signalFeatures({ series: full.base, extra: [{ name: "adx14", values: votes }] })).toThrow(/already taken/);
  });
});
