import { describe, expect, it } from "vitest";
import { runBacktest } from "../backtest/run-backtest";
import { T0, buildSeries, type Ohlc } from "../backtest/testing/build-series";
import { toFundingSeries } from "../market/series";
import { buildLeg } from "../hypothesis-runs/build-leg";
import { backtestSettingsFromConfig } from "../hypothesis-runs/backtest-settings";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { discoverHypotheses } from "../signals/discover-hypotheses";
import { PaperError } from "./errors";
import { PaperEngine, paperLegId } from "./paper-engine";
import { replayTicks } from "./replay-feed";
import { CONFIG, backtestOf, settingsOf } from "./testing/backtest-of";
import { replayInto, tradesOf } from "./testing/replay-into";
import { DAY_MS, generatedBundles } from "./testing/generated-bundles";
import { hypothesis } from "./testing/test-hypothesis";
import type { PaperConfig, PaperEvent, PaperState } from "./types";

const SYMBOLS = ["BTCUSDT.P", "ETHUSDT.P"];
const bundles = generatedBundles(SYMBOLS, 9, ["5m", "15m", "30m"]);

/** Trade often, so the two-slot limit binds; ATR, bps and % exits; one rule reads a higher timeframe. */
const HYPOTHESES = [
  hypothesis({ id: "rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 90 }),
  hypothesis({ id: "rsi-short-5m", timeframe: "5m", direction: "short", entryConditions: ["RSI(14) > 55"], stopLoss: "12 bps", target: "15 bps", maxHoldMinutes: 60 }),
  hypothesis({
    id: "mtf-long-15m",
    timeframe: "15m",
    direction: "long",
    entryConditions: ["30m: Close > EMA(20)", "RSI(14) < 50"],
    stopLoss: "1 ATR below entry",
    target: "1.5 ATR above entry",
    maxHoldMinutes: 240,
  }),
  hypothesis({ id: "pct-short-30m", timeframe: "30m", direction: "short", entryConditions: ["RSI(14) > 50"], stopLoss: "2%", target: "3%", maxHoldMinutes: 100_000 }),
];

function configOf(hypotheses = HYPOTHESES, overrides: Partial<PaperConfig> = {}): PaperConfig {
  return {
    legs: SYMBOLS.flatMap((symbol) => hypotheses.map((h) => ({ id: paperLegId(symbol, h), symbol, hypothesis: h }))),
    // A loose drawdown halt so the run keeps trading to the end (the breakers have their own tests).
    settings: settingsOf({ limits: { ...settingsOf().limits, maxDrawdown: 0.6 } }),
    regime: CONFIG.regime,
    ...overrides,
  };
}

const roundTrip = (state: PaperState): PaperState => JSON.parse(JSON.stringify(state)) as PaperState;

describe("PaperEngine parity with the backtest", () => {
  const config = configOf();
  const backtest = backtestOf(config, bundles);
  const engine = new PaperEngine(config);
  const events = replayInto(engine, bundles);
  const trades = tradesOf(events);

  it("replays to exactly runPortfolio's trades, blocked counts and equity marks", () => {
    expect(backtest.trades.length).toBeGreaterThan(100);
    expect(backtest.blocked.max_concurrent).toBeGreaterThan(50);
    expect(backtest.ambiguousResolvedBy1m).toBeGreaterThan(0);
    expect(backtest.trades.some((t) => t.funding !== 0)).toBe(true);
    expect(new Set(backtest.trades.map((t) => t.reason))).toEqual(new Set(["stop", "target", "time", "end_of_data"]));
    expect(trades).toEqual(backtest.trades);
    expect(engine.blocked).toEqual(backtest.blocked);
    const marks = events.flatMap((e) => (e.type === "equity" ? [e] : []));
    expect(marks.map((m) => m.time)).toEqual(Array.from(backtest.equityTime));
    expect(marks.map((m) => m.equity)).toEqual(Array.from(backtest.equity));
    expect(engine.drawdownTrippedAt).toBe(backtest.drawdownTrippedAt);
    expect(engine.snapshot().ambiguousResolvedBy1m).toBe(backtest.ambiguousResolvedBy1m);
  });

  it("emits a consistent event stream", () => {
    const count = (type: PaperEvent["type"]) => events.filter((e) => e.type === type).length;
    const blocked = Object.values(backtest.blocked).reduce((a, b) => a + b, 0);
    expect(count("fill")).toBe(trades.length);
    expect(count("order_placed")).toBe(trades.length + events.filter((e) => e.type === "entry_blocked" && e.stage === "fill").length);
    expect(count("entry_blocked")).toBe(blocked);
    // Every signal ends as an order or a decision-time block.
    expect(count("signal")).toBe(count("order_placed") + events.filter((e) => e.type === "entry_blocked" && e.stage === "decision").length);
    // Funding events add up to the funding of the trades.
    const funding = events.reduce((sum, e) => sum + (e.type === "funding" ? e.amount : 0), 0);
    expect(funding).toBeCloseTo(trades.reduce((sum, t) => sum + t.funding, 0), 9);
    expect(count("funding")).toBeGreaterThan(0);
    // Time never goes back, and a fill comes after its order.
    for (let k = 1; k < events.length; k++) expect((events[k]?.time ?? 0) >= (events[k - 1]?.time ?? 0)).toBe(true);
  });

  it("matches runBacktest for a single leg", () => {
    const h = HYPOTHESES[0];
    if (!h) throw new Error("no hypothesis");
    const symbol = "ETHUSDT.P";
    const loose = settingsOf({ allocation: "equal", limits: { maxConcurrent: 10, dailyLossLimit: -0.99, maxDrawdown: 0.99 } });
    const single = new PaperEngine({ legs: [{ id: symbol, symbol, hypothesis: h }], settings: loose, regime: CONFIG.regime });
    const bundle = bundles.filter((b) => b.symbol === symbol);
    const paperTrades = tradesOf(replayInto(single, bundle));
    const leg = buildLeg(h, bundle[0] as MarketBundle, new ResearchCache(CONFIG.regime));
    const result = runBacktest({ ...leg, ...backtestSettingsFromConfig(CONFIG) });
    expect(result.trades.length).toBeGreaterThan(50);
    expect(paperTrades).toEqual(result.trades);
    // runBacktest also counts a signal on the very last bar as position_open; runPortfolio (and paper) ignore that bar.
    const lastSignal = (leg.entrySignal[leg.series.length - 1] ?? 0) === 1 && result.trades.at(-1)?.reason === "end_of_data" ? 1 : 0;
    expect(single.blocked).toEqual({ ...result.blocked, position_open: result.blocked.position_open - lastSignal });
  });

  it("matches runPortfolio with catalog hypotheses too", () => {
    const discovered = discoverHypotheses(CONFIG, { quick: true }).filter((h) => h.timeframe !== "2m");
    expect(discovered.length).toBeGreaterThan(2);
    const cfg = configOf(discovered.slice(0, 4));
    const paper = replayInto(new PaperEngine(cfg), bundles);
    const bt = backtestOf(cfg, bundles);
    expect(bt.trades.length).toBeGreaterThan(0);
    expect(tradesOf(paper)).toEqual(bt.trades);
  });

  it("resumes from a JSON snapshot (open positions, pending orders) and ends exactly as the uninterrupted run", () => {
    const finalState = engine.snapshot();
    const ticks = [...replayTicks(bundles, { endOfData: true })];
    const cuts: number[] = [];
    const probe = new PaperEngine({ ...config, replayData: bundles });
    ticks.forEach((tick, k) => {
      probe.onTick(tick);
      const s = probe.snapshot();
      const rich = s.legs.some((l) => l.pending) && s.legs.some((l) => l.position && l.position.funding !== 0);
      if (cuts.length === 0 ? rich && k > ticks.length / 3 : cuts.length === 1 && k > (2 * ticks.length) / 3 && s.legs.some((l) => l.position)) cuts.push(k);
    });
    expect(cuts).toHaveLength(2);
    // The first cut runs the live path (signals on the bars so far), the second the replay path.
    for (const [n, cut] of cuts.entries()) {
      const cfg = n === 0 ? config : { ...config, replayData: bundles };
      const first = new PaperEngine(cfg);
      const before: PaperEvent[] = [];
      for (const tick of ticks.slice(0, cut + 1)) before.push(...first.onTick(tick));
      const state = roundTrip(first.snapshot());
      expect(state).toEqual(first.snapshot());
      const resumed = PaperEngine.restore(state, cfg, bundles);
      expect(resumed.snapshot()).toEqual(state);
      const after = replayInto(resumed, bundles, { endOfData: true, after: state.clock ?? -Infinity });
      expect([...tradesOf(before), ...tradesOf(after)]).toEqual(trades);
      expect([...before, ...after]).toEqual(events);
      expect(resumed.snapshot()).toEqual(finalState);
    }
  });

  it("ignores bars it has already processed (replay path: equal events to the live path)", () => {
    const ticks = [...replayTicks(bundles, { endOfData: true })];
    const again = new PaperEngine({ ...config, replayData: bundles });
    const out: PaperEvent[] = [];
    ticks.forEach((tick, k) => {
      out.push(...again.onTick(tick));
      if (k % 97 === 0) expect(again.onTick(tick)).toEqual([]);
      if (k % 211 === 0 && k > 10) for (const old of ticks.slice(k - 10, k)) expect(again.onTick(old)).toEqual([]);
    });
    expect(out).toEqual(events);
  });
});

describe("PaperEngine replay data", () => {
  it("falls back to per-bar signals once the feed differs from the replay data", () => {
    const h = HYPOTHESES[0];
    if (!h) throw new Error("no hypothesis");
    const original = [sliceBundle(bundles[0] as MarketBundle, -Infinity, (bundles[0]?.series["1m"]?.time[0] ?? 0) + 3 * DAY_MS)];
    const s5 = original[0]?.series["5m"];
    if (!s5) throw new Error("no 5m");
    // The fed data: one 5m close changed halfway.
    const changedClose = new Float64Array(s5.close);
    changedClose[400] = (changedClose[400] ?? 0) * 1.01;
    const fed: MarketBundle[] = [{ ...(original[0] as MarketBundle), series: { ...original[0]?.series, "5m": { ...s5, close: changedClose } } }];
    const cfg: PaperConfig = { legs: [{ id: "a", symbol: "BTCUSDT.P", hypothesis: h }], settings: settingsOf(), regime: CONFIG.regime };
    const live = replayInto(new PaperEngine(cfg), fed);
    const replay = replayInto(new PaperEngine({ ...cfg, replayData: original }), fed);
    expect(tradesOf(live).length).toBeGreaterThan(5);
    expect(replay).toEqual(live);
    expect(replayInto(new PaperEngine({ ...cfg, replayData: original }), original)).not.toEqual(live);
  });
});

describe("PaperEngine circuit breakers", () => {
  // Always long on a flat 30m market; 1 % stop, notional = equity. Gaps through the stop make the losses.
  const always = hypothesis({ id: "always-long", timeframe: "30m", direction: "long", entryConditions: ["Close > 0"], stopLoss: "1%", target: "2R", slippagePips: 0, maxHoldMinutes: 100_000 });
  const flat: Ohlc = [100, 100.5, 99.5, 100];
  const rows: Ohlc[] = Array.from({ length: 48 * 5 }, () => flat);
  rows[10] = [96, 96, 95, 96]; // day 1: −4 % → daily loss limit
  for (let i = 11; i < 48; i++) rows[i] = [96, 96.5, 95.5, 96];
  for (let i = 48; i < rows.length; i++) rows[i] = [96, 96.5, 95.5, 96];
  rows[48 * 2 + 5] = [80, 80, 79, 80]; // day 3: −17 % → drawdown halt
  for (let i = 48 * 2 + 6; i < rows.length; i++) rows[i] = [80, 80.5, 79.5, 80];
  const symbol = "TESTUSDT.P";
  const bundle: MarketBundle = { symbol, series: { "30m": buildSeries("30m", rows, T0, symbol) }, funding: toFundingSeries(symbol, []) };
  const config: PaperConfig = {
    legs: [{ id: "a", symbol, hypothesis: always }],
    settings: settingsOf({ sizing: { mode: "notional", fraction: 1 }, allocation: "equal" }),
    regime: CONFIG.regime,
    minuteBars: false,
  };

  it("trips the daily loss limit and the drawdown halt exactly as runPortfolio", () => {
    const backtest = backtestOf(config, [bundle]);
    const engine = new PaperEngine(config);
    const events = replayInto(engine, [bundle]);
    expect(tradesOf(events)).toEqual(backtest.trades);
    expect(engine.blocked).toEqual(backtest.blocked);
    expect(backtest.blocked.daily_loss_limit).toBeGreaterThan(0);
    expect(backtest.blocked.max_drawdown).toBeGreaterThan(0);
    expect(backtest.drawdownTrippedAt).not.toBeNull();
    expect(engine.drawdownTrippedAt).toBe(backtest.drawdownTrippedAt);

    const of = (type: PaperEvent["type"]) => events.filter((e) => e.type === type).map((e) => e.time);
    expect(of("daily_loss_limit")).toEqual([T0 + 11 * 30 * 60_000, T0 + 2 * DAY_MS + 6 * 30 * 60_000]);
    expect(of("daily_loss_reset")).toEqual([T0 + DAY_MS, T0 + 3 * DAY_MS]);
    expect(of("drawdown_halt")).toEqual([backtest.drawdownTrippedAt]);
    const blocks = events.filter((e) => e.type === "entry_blocked" && e.reason === "daily_loss_limit");
    expect(blocks.every((e) => e.time > T0 + 11 * 30 * 60_000 && e.time < T0 + DAY_MS)).toBe(false);
    expect(blocks.length).toBe(backtest.blocked.daily_loss_limit);
  });

  it("keeps the breakers across a restore", () => {
    const ticks = [...replayTicks([bundle], { endOfData: true })];
    const full = replayInto(new PaperEngine(config), [bundle]);
    for (const cut of [15, 48 * 2 + 8]) {
      const first = new PaperEngine(config);
      const before = ticks.slice(0, cut).flatMap((t) => first.onTick(t));
      const resumed = PaperEngine.restore(roundTrip(first.snapshot()), config, [bundle]);
      const after = ticks.slice(cut).flatMap((t) => resumed.onTick(t));
      expect([...before, ...after]).toEqual(full);
    }
  });
});

describe("PaperEngine inputs", () => {
  const config = configOf(HYPOTHESES.slice(0, 1));
  const ticks = [...replayTicks(bundles, { timeframes: ["1m", "5m"] })];

  it("lists the series it reads", () => {
    expect(new PaperEngine(configOf()).requiredSeries().map((s) => `${s.symbol} ${s.timeframe}`).sort()).toEqual(
      SYMBOLS.flatMap((s) => ["1m", "5m", "15m", "30m"].map((tf) => `${s} ${tf}`)).sort(),
    );
  });

  it("refuses a traded bar older than the clock and a bar that does not close at its tick", () => {
    const engine = new PaperEngine(config);
    const fiveMinute = ticks.filter((t) => t.bars.some((b) => b.timeframe === "5m"));
    const [t0, t1, t2] = fiveMinute;
    if (!t0 || !t1 || !t2) throw new Error("no ticks");
    const only = (tick: typeof t0, symbol: string) => ({ ...tick, bars: tick.bars.filter((b) => b.symbol === symbol) });
    engine.onTick(t0);
    engine.onTick(only(t2, "BTCUSDT.P"));
    // ETH's bar closing at t1 is new for its series but older than the clock.
    expect(() => engine.onTick(only(t1, "ETHUSDT.P"))).toThrow(PaperError);
    const lateBtc = engine.onTick(only(t1, "BTCUSDT.P")); // already processed for BTC: ignored
    expect(lateBtc).toEqual([]);
    const bar = t2.bars[0];
    if (!bar) throw new Error("no bar");
    expect(() => engine.onTick({ closeTime: t2.closeTime + 60_000, bars: [bar] })).toThrow(PaperError);
  });

  it("warms up on history without trading it, then signals exactly as a run fed from the start", () => {
    const start = bundles[0]?.series["5m"]?.time[600] ?? 0;
    const warm = new PaperEngine(config, bundles.map((b) => sliceBundle(b, -Infinity, start)));
    expect(warm.snapshot().legs.every((l) => !l.position && !l.pending)).toBe(true);
    expect(warm.lastProcessedTime("BTCUSDT.P", "5m")).toBe(start);
    const signals = (events: readonly PaperEvent[]) => events.filter((e) => e.type === "signal" && e.time > start);
    const fromStart = signals(replayInto(new PaperEngine(config), bundles));
    const warmed = replayInto(warm, bundles, { endOfData: true, after: start });
    expect(warmed.every((e) => e.time > start)).toBe(true);
    expect(fromStart.length).toBeGreaterThan(100);
    expect(signals(warmed)).toEqual(fromStart);
    expect(tradesOf(warmed).length).toBeGreaterThan(0);
  });

  it("rejects a restore with history that does not match the snapshot", () => {
    const engine = new PaperEngine(config);
    for (const tick of ticks.slice(0, 500)) engine.onTick(tick);
    const state = roundTrip(engine.snapshot());
    const start = (bundles[0]?.series["5m"]?.time[3] ?? 0) as number;
    const holed = bundles.map((b) => sliceBundle(b, start, Infinity));
    expect(() => PaperEngine.restore(state, config, holed)).toThrow(PaperError);
    expect(() => PaperEngine.restore(state, configOf(HYPOTHESES.slice(1, 2)), bundles)).toThrow(PaperError);
  });
});

/** Bars with open time in [from, to) and funding up to `to`. */
function sliceBundle(b: MarketBundle, from: number, to: number): MarketBundle {
  const series: MarketBundle["series"] = {};
  for (const [tf, s] of Object.entries(b.series)) {
    if (!s) continue;
    const keep: number[] = [];
    for (let i = 0; i < s.length; i++) if ((s.time[i] ?? 0) >= from && (s.time[i] ?? 0) < to) keep.push(i);
    const a = keep[0] ?? 0;
    const n = keep.length;
    series[tf as keyof MarketBundle["series"]] = {
      ...s,
      length: n,
      time: s.time.subarray(a, a + n),
      open: s.open.subarray(a, a + n),
      high: s.high.subarray(a, a + n),
      low: s.low.subarray(a, a + n),
      close: s.close.subarray(a, a + n),
      volume: s.volume.subarray(a, a + n),
    };
  }
  let f = 0;
  while (f < b.funding.length && (b.funding.time[f] ?? 0) < to) f++;
  return { symbol: b.symbol, series, funding: { ...b.funding, length: f, time: b.funding.time.subarray(0, f), rate: b.funding.rate.subarray(0, f) } };
}
