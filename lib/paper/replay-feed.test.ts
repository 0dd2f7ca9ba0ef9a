import { describe, expect, it } from "vitest";
import { RiskManager } from "../backtest/risk-manager";
import { MINUTE, T0, buildSeries, type Ohlc } from "../backtest/testing/build-series";
import { toFundingSeries } from "../market/series";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { replayTicks, replayTicksAsync } from "./replay-feed";

const flat = (n: number): Ohlc[] => Array.from({ length: n }, () => [100, 101, 99, 100] as const);

function bundle(symbol: string): MarketBundle {
  return {
    symbol,
    series: {
      "30m": buildSeries("30m", flat(2), T0, symbol),
      "5m": buildSeries("5m", flat(12), T0, symbol),
      "15m": buildSeries("15m", flat(4), T0, symbol),
    },
    funding: toFundingSeries(symbol, [
      { time: T0, rate: 0.0001 },
      { time: T0 + 12 * MINUTE, rate: 0.0002 },
    ]),
  };
}

describe("replayTicks", () => {
  const bundles = [bundle("ETHUSDT.P"), bundle("BTCUSDT.P")];

  it("groups bars by close time, ascending, symbols then timeframes inside a tick", () => {
    const ticks = [...replayTicks(bundles)];
    expect(ticks.map((t) => (t.closeTime - T0) / MINUTE)).toEqual([5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60]);
    const at30 = ticks[5];
    expect(at30?.bars.map((b) => `${b.symbol} ${b.timeframe}`)).toEqual([
      "BTCUSDT.P 5m",
      "BTCUSDT.P 15m",
      "BTCUSDT.P 30m",
      "ETHUSDT.P 5m",
      "ETHUSDT.P 15m",
      "ETHUSDT.P 30m",
    ]);
    for (const tick of ticks) for (const b of tick.bars) expect(b.bar.time + (b.timeframe === "5m" ? 5 : b.timeframe === "15m" ? 15 : 30) * MINUTE).toBe(tick.closeTime);
  });

  it("delivers each funding rate with the first tick closing at or after it", () => {
    const ticks = [...replayTicks(bundles)];
    expect(ticks[0]?.funding?.map((f) => [f.symbol, f.time])).toEqual([
      ["BTCUSDT.P", T0],
      ["ETHUSDT.P", T0],
    ]);
    expect(ticks[2]?.funding?.map((f) => f.time)).toEqual([T0 + 12 * MINUTE, T0 + 12 * MINUTE]);
    expect(ticks.filter((t) => t.funding).length).toBe(2);
  });

  it("resumes strictly after a time, filters timeframes and marks the last bars", () => {
    const ticks = [...replayTicks(bundles, { after: T0 + 30 * MINUTE, timeframes: ["5m", "30m"], endOfData: true })];
    expect(ticks[0]?.closeTime).toBe(T0 + 35 * MINUTE);
    expect(ticks.flatMap((t) => t.bars).some((b) => b.timeframe === "15m")).toBe(false);
    expect(ticks.flatMap((t) => t.bars.filter((b) => b.final).map((b) => `${b.symbol} ${b.timeframe}`))).toEqual([
      "BTCUSDT.P 5m",
      "BTCUSDT.P 30m",
      "ETHUSDT.P 5m",
      "ETHUSDT.P 30m",
    ]);
    expect(ticks.every((t) => !t.funding)).toBe(true);
  });

  it("paces the same ticks asynchronously and stops on abort", async () => {
    const sync = [...replayTicks(bundles)];
    const out = [];
    for await (const tick of replayTicksAsync(bundles, { delayMs: 1 })) out.push(tick);
    expect(out).toEqual(sync);
    const abort = new AbortController();
    const some = [];
    for await (const tick of replayTicksAsync(bundles, { signal: abort.signal })) {
      some.push(tick);
      if (some.length === 3) abort.abort();
    }
    expect(some).toHaveLength(3);
  });
});

describe("RiskManager.restore", () => {
  it("continues exactly as the original after a JSON round trip", () => {
    const limits = { maxConcurrent: 2, dailyLossLimit: -0.03, maxDrawdown: 0.15 };
    const a = new RiskManager(limits, 10_000);
    expect(RiskManager.restore(limits, JSON.parse(JSON.stringify(a.snapshot()))).snapshot()).toEqual(a.snapshot());
    a.onMark(10_500, T0 + 60 * MINUTE);
    a.onOpen("x");
    a.onMark(10_150, T0 + 120 * MINUTE);
    a.onMark(9_650, T0 + 180 * MINUTE); // −3.5 % → paused
    const b = RiskManager.restore(limits, JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.snapshot()).toEqual(a.snapshot());
    for (const rm of [a, b]) {
      expect(rm.canEnter({ legId: "y" }, T0 + 200 * MINUTE)).toEqual({ allowed: false, reason: "daily_loss_limit" });
      expect(rm.canEnter({ legId: "x" }, T0 + 200 * MINUTE)).toEqual({ allowed: false, reason: "position_open" });
      rm.onMark(9_000, T0 + 24 * 60 * MINUTE + MINUTE);
      rm.onClose("x");
    }
    expect(b.snapshot()).toEqual(a.snapshot());
    expect(b.canEnter({ legId: "y" }, T0 + 25 * 60 * MINUTE)).toEqual(a.canEnter({ legId: "y" }, T0 + 25 * 60 * MINUTE));
  });
});
