import { describe, expect, it } from "vitest";
import { DAY_MS } from "@/lib/backtest/metrics/daily-returns";
import { DEFAULT_WALK_FORWARD, configSchema } from "@/lib/config-schema";
import { type EdgeReportRun, buildEdgeReport, edgeRunFromHypothesisRun } from "./edge-report";
import { AnalysisError } from "./errors";
import { D0, dailyTrades } from "./testing/test-trades";
import type { BacktestedRun } from "./types";

const thresholds = configSchema.parse({}).edgeThresholds;
const GOOD = [30, 30, -10, 30];
const BAD = [10, -20, -20];

function run(id: string, symbol: string, trades: EdgeReportRun["trades"], expectedAccuracy = 0.7): EdgeReportRun {
  return {
    hypothesis: { id, name: `Hypothesis ${id}`, timeframe: "15m", direction: "long", expectedAccuracy },
    symbol,
    trades,
    startingEquity: 10_000,
    fromTime: D0,
    toTime: D0 + 100 * DAY_MS,
  };
}

const RUNS: EdgeReportRun[] = [
  run("steady", "BTCUSDT.P", dailyTrades(0, 100, GOOD)),
  run("steady", "ETHUSDT.P", dailyTrades(0, 100, [30, -10, 30, 30])),
  run("overfit", "BTCUSDT.P", [...dailyTrades(0, 70, GOOD), ...dailyTrades(70, 30, BAD)]),
  run("rare", "BTCUSDT.P", dailyTrades(0, 10, [50])),
];

/** Every number in a JSON-like value is finite. */
function allFinite(value: unknown): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === "object") return Object.values(value).every(allFinite);
  return true;
}

describe("edge report", () => {
  const report = buildEdgeReport(RUNS, { thresholds, bootstrap: { resamples: 300 } });
  const entry = (id: string, symbol = "BTCUSDT.P") => report.entries.find((e) => e.hypothesisId === id && e.symbol === symbol);

  it("passes overall only when in-sample and out-of-sample both pass", () => {
    expect([entry("steady")?.inSample.verdict.status, entry("steady")?.outOfSample.verdict.status, entry("steady")?.overall]).toEqual(["pass", "pass", "pass"]);
    expect([entry("overfit")?.inSample.verdict.status, entry("overfit")?.outOfSample.verdict.status, entry("overfit")?.overall]).toEqual(["pass", "fail", "fail"]);
    expect(entry("rare")?.overall).toBe("insufficient_data");
    expect(entry("overfit")?.overallReasons.some((r) => r.startsWith("out of sample: ")), "the failing segment is named").toBe(true);
  });

  it("fails a split pass whose deflated Sharpe does not clear the multiple-testing gate", () => {
    const steady = entry("steady");
    const dsr = steady?.deflatedSharpe.deflatedSharpe ?? Number.NaN;
    expect(dsr, "the steady hypothesis has a deflated Sharpe to compare").toBeGreaterThan(0);
    const strict = buildEdgeReport(RUNS, { thresholds: { ...thresholds, minDeflatedSharpe: Math.min(1, dsr + 0.01) }, bootstrap: { resamples: 300 } });
    const gated = strict.entries.find((e) => e.hypothesisId === "steady" && e.symbol === "BTCUSDT.P");
    expect(gated?.overall).toBe("fail");
    expect(gated?.overallReasons[0]).toMatch(/^deflated Sharpe \d\.\d\d < .* over 4 trials: likely luck$/);
    expect(entry("steady")?.cutTime).toBe(D0 + 70 * DAY_MS);
  });

  it("judges the walk-forward windows of every trial and fails a pass whose profit lives in one window", () => {
    const steady = entry("steady");
    expect(steady?.walkForward.windows.map((w) => w.index)).toEqual([0, 1, 2, 3]);
    expect(steady?.walkForward.stability.concentrated, "a steady edge shares its profit across the windows").toBe(false);
    expect(report.walkForward).toEqual(DEFAULT_WALK_FORWARD);
    // Each window holds a little over or under a quarter of the steady profit, so a 25 % limit flags the largest.
    const strict = { ...DEFAULT_WALK_FORWARD, maxWindowProfitShare: 0.25 };
    const failing = buildEdgeReport(RUNS, { thresholds, walkForward: strict, bootstrap: { resamples: 300 } }).entries.find((e) => e.hypothesisId === "steady" && e.symbol === "BTCUSDT.P");
    expect(failing?.overall).toBe("fail");
    expect(failing?.overallReasons[0]).toMatch(/^walk-forward: window \d carries 2\d% of the windows' net profit \(> 25%\)$/);
    const warned = buildEdgeReport(RUNS, { thresholds, walkForward: { ...strict, gate: "warn" }, bootstrap: { resamples: 300 } }).entries.find((e) => e.hypothesisId === "steady" && e.symbol === "BTCUSDT.P");
    expect([warned?.overall, warned?.walkForward.stability.concentrated], "warn keeps the pass and shows the flag").toEqual(["pass", true]);
  });

  it("ranks by composite score: the steady edges above the overfit one above the rare one", () => {
    expect(report.ranking.map((r) => [r.rank, r.hypothesisId, r.symbol])).toEqual([
      [1, "steady", "BTCUSDT.P"],
      [2, "steady", "ETHUSDT.P"],
      [3, "overfit", "BTCUSDT.P"],
      [4, "rare", "BTCUSDT.P"],
    ]);
    expect(report.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4]);
  });

  it("deflates Sharpe over every trial tried, in per-day units", () => {
    const dsr = entry("steady")?.deflatedSharpe;
    expect(report.trials).toBe(4);
    expect(dsr?.trials).toBe(4);
    expect(dsr?.observations).toBe(100);
    expect(dsr?.dailySharpe).toBeCloseTo((entry("steady")?.full.metrics.sharpe ?? NaN) / Math.sqrt(365), 12);
    expect(dsr?.sharpeVariance).toBeGreaterThan(0);
    expect(dsr?.expectedMaxSharpe, "selection among 4 trials raises the bar above 0").toBeGreaterThan(0);
    expect(dsr?.deflatedSharpe ?? NaN).toBeLessThanOrEqual(dsr?.probabilisticSharpe ?? NaN);
  });

  it("shows expected accuracy beside the measured win rate with its intervals", () => {
    const e = entry("steady");
    expect(e?.expectedAccuracy).toBe(0.7);
    expect(e?.measuredWinRate).toBe(0.75);
    expect(e?.winRateWilson?.lower).toBeLessThan(0.75);
    expect(e?.expectedAccuracyVerdict, "0.70 lies inside the Wilson interval of 75/100").toBe("inconclusive");
    expect(e?.bootstrap.resamples).toBe(300);
    expect(e?.bootstrap.winRate?.upper).toBeGreaterThan(0.75);
  });

  it("summarises each hypothesis across instruments", () => {
    expect(report.crossInstrument).toEqual([
      { hypothesisId: "steady", hypothesisName: "Hypothesis steady", summary: { passes: ["BTCUSDT.P", "ETHUSDT.P"], fails: [], insufficient: [], consistent: "all" } },
      { hypothesisId: "overfit", hypothesisName: "Hypothesis overfit", summary: { passes: [], fails: ["BTCUSDT.P"], insufficient: [], consistent: "none" } },
      { hypothesisId: "rare", hypothesisName: "Hypothesis rare", summary: { passes: [], fails: [], insufficient: ["BTCUSDT.P"], consistent: "none" } },
    ]);
  });

  it("is JSON-serialisable: only finite numbers and null", () => {
    expect(allFinite(report)).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it("is deterministic and independent of the order of the runs", () => {
    const again = buildEdgeReport([...RUNS].reverse(), { thresholds, bootstrap: { resamples: 300 } });
    expect(again.entries).toEqual(report.entries);
  });

  it("measures the whole search's probability of backtest overfitting on the trials' common days", () => {
    expect(report.overfitting, "four trials over 100 days: 16 blocks of 6 days").toMatchObject({ trials: 4, blocks: 16, days: 96, combinations: 12_870 });
    expect(report.overfitting?.pbo).toBeGreaterThanOrEqual(0);
    expect(report.overfitting?.pbo).toBeLessThanOrEqual(1);
    const short = buildEdgeReport(
      RUNS.map((r) => ({ ...r, toTime: D0 + 20 * DAY_MS })),
      { thresholds, bootstrap: { resamples: 50 } },
    );
    expect(short.overfitting, "20 days cannot fill 16 blocks of two days").toBeNull();
  });

  it("handles an empty report and a run without trades", () => {
    expect(buildEdgeReport([], { thresholds })).toMatchObject({ trials: 0, entries: [], ranking: [], crossInstrument: [] });
    const empty = buildEdgeReport([run("idle", "BNBUSDT.P", [])], { thresholds });
    expect(empty.entries[0]?.overall).toBe("insufficient_data");
    expect(allFinite(empty)).toBe(true);
  });
});

describe("edgeRunFromHypothesisRun", () => {
  const hypothesisRun: BacktestedRun = {
    hypothesisId: "h1",
    hypothesisName: "RSI dip",
    timeframe: "5m",
    direction: "long",
    symbol: "ETHUSDT.P",
    fromTime: D0,
    toTime: D0 + DAY_MS,
    trades: [],
    equity: { time: [D0 + DAY_MS], equity: [10_000] },
  };

  it("maps a research run and checks its timeframe", () => {
    expect(edgeRunFromHypothesisRun(hypothesisRun, 0.6, 10_000)).toEqual({
      hypothesis: { id: "h1", name: "RSI dip", timeframe: "5m", direction: "long", expectedAccuracy: 0.6 },
      symbol: "ETHUSDT.P",
      trades: [],
      startingEquity: 10_000,
      fromTime: D0,
      toTime: D0 + DAY_MS,
      equity: hypothesisRun.equity,
    });
    expect(() => edgeRunFromHypothesisRun({ ...hypothesisRun, timeframe: "1h" }, 0.6, 10_000)).toThrow(AnalysisError);
  });
});
