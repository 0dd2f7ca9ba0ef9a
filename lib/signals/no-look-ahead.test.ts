import { describe, expect, it } from "vitest";
import { configSchema } from "@/lib/config-schema";
import type { CandleSeries, FundingSeries } from "@/lib/market/series";
import { TRADING_TIMEFRAMES, timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import { compileRule, type SignalContext } from "./compile-rule";
import { discoverHypotheses } from "./discover-hypotheses";
import { IndicatorCache } from "./indicator-cache";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { randomFundingSeries } from "@/lib/market/testing/random-funding-series";
import { resampleUnchecked } from "@/lib/market/testing/resample-unchecked";

const TIMEFRAMES: readonly Timeframe[] = TRADING_TIMEFRAMES;
const minute = randomWalkSeries("BTCUSDT.P", "1m", 12_000, 2024);
const funding = randomFundingSeries("BTCUSDT.P", minute.time[0] ?? 0, (minute.time[minute.length - 1] ?? 0) + 60_000, 99);

/** Candles and funding exactly as a live system would have them when bar `t` of `tf` has just closed. */
function knownAt(tf: Timeframe, closeTime: number): { bars: Record<string, CandleSeries>; funding: FundingSeries } {
  let n = 0;
  while (n < minute.length && (minute.time[n] ?? Infinity) + 60_000 <= closeTime) n++;
  const cut: CandleSeries = { ...minute, length: n, time: minute.time.subarray(0, n), open: minute.open.subarray(0, n), high: minute.high.subarray(0, n), low: minute.low.subarray(0, n), close: minute.close.subarray(0, n), volume: minute.volume.subarray(0, n) };
  let f = 0;
  while (f < funding.length && (funding.time[f] ?? Infinity) <= closeTime) f++;
  const bars = Object.fromEntries(TIMEFRAMES.map((t) => [t, resampleUnchecked(cut, t)]));
  expect(bars[tf]?.time[(bars[tf]?.length ?? 0) - 1]).toBe(closeTime - timeframeMs(tf));
  return { bars, funding: { ...funding, length: f, time: funding.time.subarray(0, f), rate: funding.rate.subarray(0, f) } };
}

function contextOf(tf: Timeframe, bars: Record<string, CandleSeries>, f: FundingSeries, cache: IndicatorCache): SignalContext {
  const base = bars[tf];
  if (!base) throw new Error(`no ${tf} bars`);
  return { base, higher: Object.fromEntries(TIMEFRAMES.filter((t) => t !== tf).map((t) => [t, bars[t]])), funding: f, cache };
}

describe("no look-ahead: a signal at bar t is the same with data truncated after t", () => {
  const hypotheses = discoverHypotheses(configSchema.parse({}));
  const full = Object.fromEntries(TIMEFRAMES.map((t) => [t, resampleUnchecked(minute, t)]));
  const fullCache = new IndicatorCache();

  it.each([...TRADING_TIMEFRAMES])("every %s catalog rule", (tf) => {
    const own = hypotheses.filter((h) => h.timeframe === tf).map((h) => ({ h, rule: compileRule(h.entryConditions) }));
    expect(own.length).toBeGreaterThan(0);
    const fullSignals = own.map(({ rule }) => rule.evaluate(contextOf(tf, full, funding, fullCache)));
    const fullConditions = own.map(({ rule }) => rule.conditions.map((c) => c.evaluate(contextOf(tf, full, funding, fullCache))));
    const base = full[tf];
    if (!base) throw new Error("no base");
    // A regular grid of bars plus, for each rule, a few bars where it fires (so positives are checked too).
    const checks = new Set<number>();
    for (let t = 0; t < base.length - 1; t += Math.floor(base.length / 25)) checks.add(t);
    for (const signal of fullSignals) {
      const fired = signal.reduce<number[]>((acc, v, i) => (v && i < base.length - 1 ? [...acc, i] : acc), []);
      for (const t of [fired[0], fired[Math.floor(fired.length / 2)], fired[fired.length - 1]]) if (t !== undefined) checks.add(t);
    }
    let positives = 0;
    for (const t of checks) {
      const known = knownAt(tf, (base.time[t] ?? 0) + timeframeMs(tf));
      const ctx = contextOf(tf, known.bars, known.funding, new IndicatorCache());
      own.forEach(({ h, rule }, k) => {
        const truncated = rule.evaluate(ctx);
        expect(truncated.length, h.name).toBe(t + 1);
        expect(truncated[t], `${h.name} at bar ${t}`).toBe(fullSignals[k]?.[t]);
        positives += truncated[t] ?? 0;
        // Each condition on its own too: single conditions flip far more often than their conjunction.
        rule.conditions.forEach((c, i) => {
          expect(c.evaluate(ctx)[t], `${h.name} "${c.source}" at bar ${t}`).toBe(fullConditions[k]?.[i]?.[t]);
        });
      });
    }
    expect(positives).toBeGreaterThan(0);
    const firing = fullSignals.filter((s) => s.some((v) => v === 1)).length;
    expect(firing / own.length).toBeGreaterThan(0.4);
  });
});
