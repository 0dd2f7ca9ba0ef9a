import { describe, expect, it } from "vitest";
import { configSchema } from "../config-schema";
import { portfolioSettingsFromConfig } from "./config-settings";
import { BacktestError } from "./errors";
import { REGIME } from "./regime-codes";
import { runBacktest } from "./run-backtest";
import { type PortfolioLeg, type PortfolioSettings, runPortfolio } from "./run-portfolio";
import { MINUTE, T0, type Ohlc, buildSeries } from "./testing/build-series";
import { makeInput, signals } from "./testing/make-input";
import { uniformDraws } from "../market/testing/uniform-draws";

const LOOSE: PortfolioSettings = {
  startingEquity: 10_000,
  fees: { taker: 0.0005, maker: 0.0002 },
  sizing: { mode: "risk", riskFraction: 0.02, leverage: 10 },
  limits: { maxConcurrent: 10, dailyLossLimit: -0.99, maxDrawdown: 0.99 },
  allocation: "equal",
};

function leg(id: string, rows: readonly Ohlc[], at: number[], extra: Partial<PortfolioLeg> = {}, timeframe: "2m" | "5m" | "30m" = "30m"): PortfolioLeg {
  const series = buildSeries(timeframe, rows);
  const { fees: _fees, sizing: _sizing, startingEquity: _equity, ...legInput } = makeInput(series, { entrySignal: signals(rows.length, ...at) });
  return { id, ...legInput, ...extra };
}

const flat = (n: number): Ohlc[] => Array.from({ length: n }, () => [100, 100.5, 99.5, 100] as const);

describe("runPortfolio", () => {
  it("reproduces runBacktest exactly for one leg without binding limits", () => {
    const random = uniformDraws(21);
    let p = 100;
    const rows: Ohlc[] = Array.from({ length: 400 }, () => {
      const next = p * (1 + (random() - 0.5) * 0.02);
      const row = [p, Math.max(p, next) * 1.003, Math.min(p, next) * 0.997, next] as const;
      p = next;
      return row;
    });
    const at = rows.flatMap((_, i) => (random() < 0.1 ? [i] : []));
    const single = runBacktest(makeInput(buildSeries("30m", rows), { entrySignal: signals(rows.length, ...at), slippagePips: 2, maxHoldMinutes: 120 }));
    const portfolio = runPortfolio([leg("TESTUSDT.P", rows, at, { slippagePips: 2, maxHoldMinutes: 120 })], LOOSE);
    expect(single.trades.length).toBeGreaterThan(10);
    expect(portfolio.trades).toEqual(single.trades);
    expect(Array.from(portfolio.equity)).toEqual(Array.from(single.equity));
    expect(portfolio.blocked).toEqual(single.blocked);
  });

  it("caps concurrent positions, breaking same-time ties by leg id, whatever the input order", () => {
    const legs = ["c", "a", "b"].map((id) => leg(id, flat(4), [0]));
    const run = runPortfolio(legs, { ...LOOSE, limits: { ...LOOSE.limits, maxConcurrent: 2 } });
    expect(run.trades.map((t) => t.legId)).toEqual(["a", "b"]);
    expect(run.blocked.max_concurrent).toBe(1);
    expect(runPortfolio([...legs].reverse(), { ...LOOSE, limits: { ...LOOSE.limits, maxConcurrent: 2 } })).toEqual(run);
  });

  it("merges timeframes by bar close: a slot freed inside a 30m bar is free only at its close", () => {
    // 30m leg: enters 00:30, target hit during 01:00–01:30, known at 01:30.
    const slow = leg("slow", [[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 103, 99.8, 102], [102, 102, 102, 102]], [0]);
    // 5m leg signals at every bar close from 00:35 to 01:55.
    const fastRows = flat(24);
    const fast = leg("fast", fastRows, fastRows.map((_, i) => i).filter((i) => i >= 6), {}, "5m");
    const run = runPortfolio([slow, fast], { ...LOOSE, limits: { ...LOOSE.limits, maxConcurrent: 1 } });
    const fastTrade = run.trades.find((t) => t.legId === "fast");
    // Signals at the closes 00:35 … 01:25 are blocked; at 01:30 the 30m exit is applied before the 5m decision.
    expect(fastTrade?.entryTime).toBe(T0 + 90 * MINUTE);
    expect(run.blocked.max_concurrent).toBe(11);
    expect(Array.from(run.equityTime)).toEqual([...new Set(Array.from(run.equityTime))]);
  });

  it("scales risk by the regime/timeframe weight renormalised over the traded timeframes", () => {
    const trending = (n: number) => new Uint8Array(n).fill(REGIME.trending);
    const slow = leg("slow", flat(3), [0], { regimes: trending(3) });
    const fast = leg("fast", flat(3), [0], { regimes: trending(3) }, "2m");
    const run = runPortfolio([slow, fast], { ...LOOSE, allocation: "regime" });
    const [fastTrade, slowTrade] = run.trades;
    // Base risk 2 % over a 1-point stop; trending 30m 0.4, 2m 0.1 → × 0.4/0.5·2 = 1.6 and × 0.1/0.5·2 = 0.4.
    expect(fastTrade?.legId).toBe("fast");
    expect(fastTrade?.qty).toBeCloseTo(10_000 * 0.02 * 0.4, 9);
    // The 2m leg has ended (end of data, fees paid) before the 30m entry is decided at 00:30.
    expect(slowTrade?.qty).toBeCloseTo((10_000 + (fastTrade?.netPnl ?? NaN)) * 0.02 * 1.6, 9);
  });

  it("stops entering after the daily loss limit until the next UTC day", () => {
    // Leg "loser" loses ≈ 4 % on day 1 (notional 100 % and a 4 % gap through its stop).
    const loserRows: Ohlc[] = [[100, 100, 100, 100], [100, 100.2, 99.8, 100], [96, 96, 95, 96], ...flat(3)];
    const loser = leg("loser", loserRows, [0], { exits: { stop: { kind: "bps", bps: 100 }, target: { kind: "r", multiple: 2 } } });
    const day = 48; // 30m bars per day
    const other = leg("other", flat(day + 4), [5, day + 1]);
    const run = runPortfolio([loser, other], { ...LOOSE, sizing: { mode: "notional", fraction: 1 }, limits: { ...LOOSE.limits, dailyLossLimit: -0.03 } });
    expect(run.blocked.daily_loss_limit).toBe(1);
    expect(run.trades.filter((t) => t.legId === "other").map((t) => t.entryIndex)).toEqual([day + 2]);
  });

  it("halts on max drawdown for the rest of the run and records the trip time", () => {
    const crashRows: Ohlc[] = [[100, 100, 100, 100], [100, 100.2, 99.8, 100], [80, 80, 79, 80], ...flat(3)];
    const crash = leg("crash", crashRows, [0, 3]);
    const run = runPortfolio([crash], { ...LOOSE, sizing: { mode: "notional", fraction: 1 }, limits: { ...LOOSE.limits, maxDrawdown: 0.15 } });
    expect(run.drawdownTrippedAt).toBe(T0 + 3 * 30 * MINUTE);
    expect(run.blocked.max_drawdown).toBe(1);
    expect(run.trades).toHaveLength(1);
  });

  it("rejects duplicate leg ids and non-trading timeframes", () => {
    expect(() => runPortfolio([leg("x", flat(2), []), leg("x", flat(2), [])], LOOSE)).toThrow(BacktestError);
    const oneMinute = { ...leg("m", flat(2), []), series: buildSeries("1m", flat(2)) };
    expect(() => runPortfolio([oneMinute], LOOSE)).toThrow(BacktestError);
  });
});

describe("portfolioSettingsFromConfig", () => {
  it("maps the configuration's fees, sizing and limits", () => {
    const settings = portfolioSettingsFromConfig(configSchema.parse({}));
    expect(settings).toEqual({
      startingEquity: 10_000,
      fees: { taker: 0.0005, maker: 0.0002 },
      sizing: { mode: "risk", riskFraction: 0.02, leverage: 1 },
      limits: { maxConcurrent: 2, dailyLossLimit: -0.03, maxDrawdown: 0.15 },
      allocation: "regime",
    });
  });
});
