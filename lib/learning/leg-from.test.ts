import { describe, expect, it } from "vitest";
import { runBacktest } from "@/lib/backtest/run-backtest";
import { buildSeries, type Ohlc } from "@/lib/backtest/testing/build-series";
import { makeInput } from "@/lib/backtest/testing/make-input";
import { toFundingSeries } from "@/lib/market/series";
import { legFrom } from "./leg-from";

/** A seeded random walk of 5m bars wide enough to reach 1% stops and 2R targets. */
function walk(n: number, seed: number): Ohlc[] {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let price = 100;
  return Array.from({ length: n }, () => {
    const open = price;
    price *= 1 + (rand() - 0.5) * 0.01;
    return [open, Math.max(open, price) * (1 + rand() * 0.003), Math.min(open, price) * (1 - rand() * 0.003), price] as const;
  });
}

describe("legFrom", () => {
  it("gives the same trades as the whole leg when nothing can enter before its start, with funding read by time", () => {
    const series = buildSeries("5m", walk(3000, 7));
    const entrySignal = new Uint8Array(series.length);
    for (let i = 1200; i < series.length; i += 37) entrySignal[i] = 1;
    const funding = toFundingSeries(series.symbol, Array.from({ length: 40 }, (_, k) => ({ time: (series.time[0] ?? 0) + k * 8 * 3_600_000, rate: k % 3 === 0 ? 0.0004 : -0.0001 })));
    const whole = makeInput(series, { entrySignal, funding });
    const start = (series.time[1200] ?? 0) + 300_000;
    const cut = legFrom(whole, start);
    expect(cut.series.length).toBe(series.length - 1200);
    expect(cut.series.time[0]).toBe(series.time[1200]);
    // Bar indices count from the leg's first bar; everything a trade is stored with is the same.
    const stored = ({ entryIndex: _e, exitIndex: _x, ...t }: ReturnType<typeof runBacktest>["trades"][number]) => t;
    const a = runBacktest(whole).trades.map(stored);
    const b = runBacktest({ ...whole, ...cut }).trades.map(stored);
    expect(a.length).toBeGreaterThan(20);
    expect(a.some((t) => t.funding !== 0)).toBe(true);
    expect(b).toEqual(a);
  });

  it("starts at the first bar closing at or after the time", () => {
    const series = buildSeries("5m", walk(10, 1));
    const leg = makeInput(series);
    expect(legFrom(leg, (series.time[3] ?? 0) + 1).series.time[0]).toBe(series.time[3]);
    expect(legFrom(leg, (series.time[3] ?? 0) + 300_000).series.time[0]).toBe(series.time[3]);
    expect(legFrom(leg, (series.time[3] ?? 0) + 300_001).series.time[0]).toBe(series.time[4]);
  });
});
