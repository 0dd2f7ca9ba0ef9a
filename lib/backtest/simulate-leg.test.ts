import { describe, expect, it } from "vitest";
import type { FundingSeries } from "../market/series";
import { runBacktest } from "./run-backtest";
import { type PortfolioSettings, runPortfolio } from "./run-portfolio";
import { MINUTE, T0, type Ohlc, buildMinutes, buildSeries } from "./testing/build-series";
import { makeInput } from "./testing/make-input";
import { uniformDraws } from "../market/testing/uniform-draws";
import type { BacktestInput, Direction } from "./types";

/** Small risk per trade, so even the densest signals never reach the account limits the single-leg run lacks. */
const SIZING = { mode: "risk", riskFraction: 0.002, leverage: 10 } as const;
const LOOSE: PortfolioSettings = {
  startingEquity: 10_000,
  fees: { taker: 0.0005, maker: 0.0002 },
  sizing: SIZING,
  limits: { maxConcurrent: 10, dailyLossLimit: -0.99, maxDrawdown: 0.99 },
  allocation: "equal",
};

/** 5m random walk with opening gaps, partial 1m data inside it, hourly funding and signals at `density`. */
function input(seed: number, density: number, direction: Direction): BacktestInput {
  const random = uniformDraws(seed);
  const rows: Ohlc[] = [];
  let p = 100;
  for (let i = 0; i < 3_000; i++) {
    const open = random() < 0.05 ? p * (1 + (random() - 0.5) * 0.01) : p;
    const close = p * (1 + (random() - 0.5) * 0.01);
    rows.push([open, Math.max(open, close) * (1 + random() * 0.003), Math.min(open, close) * (1 - random() * 0.003), close]);
    p = close;
  }
  const series = buildSeries("5m", rows);
  const minutes = rows.flatMap(([, high, low], i) =>
    Array.from({ length: 5 }, (_, k) => {
      const a = low + random() * (high - low);
      const b = low + random() * (high - low);
      return [T0 + (5 * i + k) * MINUTE, a, Math.max(a, b), Math.min(a, b), b] as const;
    }).filter(() => random() > 0.2),
  );
  const events = 250;
  const funding: FundingSeries = {
    symbol: series.symbol,
    length: events,
    time: Float64Array.from({ length: events }, (_, k) => T0 + k * 60 * MINUTE + (k % 3) * MINUTE),
    rate: Float64Array.from({ length: events }, () => (random() - 0.4) * 0.001),
  };
  return makeInput(series, {
    direction,
    entrySignal: Uint8Array.from(rows, () => (random() < density ? 1 : 0)),
    atr: Float64Array.from(rows, (_, i) => (i < 14 ? Number.NaN : 0.2 + random() * 0.6)),
    exits: seed % 2 === 0 ? { stop: { kind: "atr", multiple: 0.8 }, target: { kind: "r", multiple: 2 } } : { stop: { kind: "percent", pct: 0.6 }, target: { kind: "bps", bps: 90 } },
    maxHoldMinutes: seed % 3 === 0 ? 60 : 100_000,
    slippagePips: 1,
    sizing: SIZING,
    funding,
    minute: buildMinutes(minutes),
  });
}

describe("simulateLeg", () => {
  it("runs through flat and quiet stretches exactly as the per-bar portfolio loop steps every bar", () => {
    for (const [seed, density] of [[1, 0.003], [2, 0.05], [3, 0.6], [4, 0.003], [5, 0.05], [6, 0.6]] as const) {
      for (const direction of ["long", "short"] as const) {
        const leg = input(seed, density, direction);
        const single = runBacktest(leg);
        const { fees: _fees, sizing: _sizing, startingEquity: _equity, ...legInput } = leg;
        const portfolio = runPortfolio([{ id: leg.series.symbol, ...legInput }], LOOSE);
        const label = `seed ${seed}, ${direction}`;
        expect(single.trades.length, label).toBeGreaterThan(0);
        expect(single.trades, label).toEqual(portfolio.trades);
        expect(Array.from(single.equity), label).toEqual(Array.from(portfolio.equity));
        expect(single.blocked, label).toEqual(portfolio.blocked);
        expect(single.ambiguousResolvedBy1m, label).toBe(portfolio.ambiguousResolvedBy1m);
        expect(portfolio.drawdownTrippedAt, label).toBeNull();
      }
    }
  });
});
