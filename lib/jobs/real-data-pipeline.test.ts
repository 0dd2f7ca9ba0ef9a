import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listTradesOfBatch } from "@/db/queries/backtest-views";
import { latestBatch, listRuns } from "@/db/queries/backtests";
import { openTestDatabase } from "@/db/testing/test-databases";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import { configSchema } from "@/lib/config-schema";
import { parseCandleFile } from "@/lib/market/parse-candle-file";
import { parseFundingFile } from "@/lib/market/parse-funding-file";
import { TRADING_TIMEFRAMES, timeframeMs, timeframeSchema } from "@/lib/market/timeframe";
import { importMarketFile, importParamsSchema } from "./import-market-file";
import { stopJobQueue } from "./job-queue";
import { marketStatus } from "./market-status";
import { BACKTEST_RESULTS_FILE } from "./run-backtests";
import { DISCOVERY_FILE } from "./run-discovery";
import { EDGE_ANALYSIS_FILE } from "./run-analysis";
import { FINAL_REPORT_FILE } from "./run-final-report";
import { pipelineParamsSchema, runPipeline, type PhaseReport } from "./run-pipeline";
import { startWorker } from "./worker-runtime";

// Four days of Binance's BTC/USDT:USDT perpetual, 1m, with its 8-hourly funding (origin: lib/market/testing/fixtures/README.md).
const FIXTURES = path.resolve(import.meta.dirname, "../market/testing/fixtures");
const CANDLES_FILE = path.join(FIXTURES, "BTC_USDT_USDT-1m-futures.2025-06-01.4d.json");
const FUNDING_FILE = path.join(FIXTURES, "BTC_USDT_USDT-8h-funding_rate.2025-06-01.4d.json");
const FIRST_BAR = Date.UTC(2025, 5, 1);
const LAST_BAR = Date.UTC(2025, 5, 4, 23, 59);
const DATA_END = LAST_BAR + 60_000;
const SYMBOL = "BTCUSDT.P";

const config = configSchema.parse({});
const noProgress = async () => {};

describe("real perpetual data: imported as a user does, then the whole pipeline", () => {
  let handle: DatabaseHandle;
  let stopWorker: () => void = () => {};
  const resultsDir = mkdtempSync(path.join(tmpdir(), "pel-real-data-"));
  const candlesText = readFileSync(CANDLES_FILE, "utf8");
  const fundingText = readFileSync(FUNDING_FILE, "utf8");
  const rates = parseFundingFile(fundingText);
  const candles = parseCandleFile(candlesText);
  let phases: PhaseReport[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase();
    stopWorker = await startWorker(handle, { jobs: 0 });
  });
  afterAll(async () => {
    stopWorker();
    await stopJobQueue();
    await handle?.close();
  });

  it("imports the 1m file, its research timeframes and its funding through the data CLI's path", async () => {
    const candleParams = importParamsSchema.parse({ fileName: path.basename(CANDLES_FILE), symbol: SYMBOL, timeframe: "1m", resampleTo: [...TRADING_TIMEFRAMES] });
    const imported = await importMarketFile(handle.db, candleParams, candlesText, noProgress);
    expect(imported.rows, "four whole days of minutes").toBe(4 * 1440);
    expect(imported.resampled?.map((r) => [r.timeframe, r.rows, r.incompleteBuckets])).toEqual([
      ["2m", 2880, 0],
      ["5m", 1152, 0],
      ["15m", 384, 0],
      ["30m", 192, 0],
    ]);
    const fundingParams = importParamsSchema.parse({ fileName: path.basename(FUNDING_FILE), symbol: SYMBOL, kind: "funding" });
    expect((await importMarketFile(handle.db, fundingParams, fundingText, noProgress)).rows, "three settlements a day").toBe(12);

    const status = await marketStatus(handle.db);
    expect(status.candles.map((c) => [c.timeframe, c.first, c.rows, c.missingBars, c.source])).toEqual([
      ["1m", FIRST_BAR, 5760, 0, `file (${path.basename(CANDLES_FILE)})`],
      ["2m", FIRST_BAR, 2880, 0, "resampled (from 1m)"],
      ["5m", FIRST_BAR, 1152, 0, "resampled (from 1m)"],
      ["15m", FIRST_BAR, 384, 0, "resampled (from 1m)"],
      ["30m", FIRST_BAR, 192, 0, "resampled (from 1m)"],
    ]);
    expect(status.candles.find((c) => c.timeframe === "1m")?.last).toBe(LAST_BAR);
    expect(status.funding).toEqual([{ symbol: SYMBOL, first: rates[0]?.time, last: rates.at(-1)?.time, rows: 12, source: `file (${path.basename(FUNDING_FILE)})` }]);
  });

  it("runs discovery, backtest, analysis and the final report on the imported data alone", async () => {
    const params = pipelineParamsSchema.parse({ mode: "full", quick: true, noFetch: true, symbols: [SYMBOL] });
    phases = await runPipeline(handle.db, config, params, { progress: () => noProgress, say: () => {}, queueUrl: handle.url, resultsDir });
    expect(phases.map((p) => p.phase)).toEqual(["data", "discovery", "backtest", "learning", "analysis", "report"]);
    expect(phases[0]?.summary, "stored data is used: nothing synthetic is generated").toEqual({ source: "stored", instruments: 1 });
    expect((await marketStatus(handle.db)).candles.every((c) => c.source?.startsWith("file") || c.source === "resampled (from 1m)"), "no series but the imported ones").toBe(true);

    const batch = await latestBatch(handle.db);
    const runs = await listRuns(handle.db, batch?.id ?? "");
    expect(new Set(runs.map((r) => r.timeframe)), "hypotheses on every research timeframe").toEqual(new Set(TRADING_TIMEFRAMES));
    for (const run of runs) {
      expect(run.symbol).toBe(SYMBOL);
      expect(run.fromTime, `${run.hypothesisName} starts inside the data`).toBeGreaterThanOrEqual(FIRST_BAR);
      expect(run.toTime, `${run.hypothesisName} ends inside the data`).toBeLessThanOrEqual(DATA_END);
    }
    const trades = [...(await listTradesOfBatch(handle.db, batch?.id ?? "")).values()].flat();
    expect(trades.length, "the quick catalog trades on four real days").toBeGreaterThan(0);
    for (const t of trades) {
      expect(t.entryTime).toBeGreaterThanOrEqual(FIRST_BAR);
      expect(t.exitTime, "a stop hit in the entry bar exits at its open").toBeGreaterThanOrEqual(t.entryTime);
      expect(t.exitTime).toBeLessThanOrEqual(DATA_END);
    }
  });

  it("charges funding to exactly the trades held across a settlement, at its real rate", async () => {
    const batch = await latestBatch(handle.db);
    const timeframeOf = new Map((await listRuns(handle.db, batch?.id ?? "")).map((r) => [r.id, timeframeSchema.parse(r.timeframe)]));
    const minuteClose = new Map(candles.map((c) => [c.time, c.close]));
    let crossing = 0;
    for (const [runId, trades] of await listTradesOfBatch(handle.db, batch?.id ?? "")) {
      const barMs = timeframeMs(timeframeOf.get(runId) ?? "1m");
      for (const t of trades) {
        // Held through: a settlement strictly after the entry and at or before the exit (fill-model.ts).
        const held = rates.filter((r) => r.time > t.entryTime && r.time <= t.exitTime);
        if (held.length > 0) crossing++;
        // Each priced at the close of the first bar closing at or after it: the close of that bar's last minute.
        const side = t.side === "long" ? 1 : -1;
        const expected = held.reduce((sum, r) => sum + side * t.qty * r.rate * (minuteClose.get(Math.ceil(r.time / barMs) * barMs - 60_000) ?? NaN), 0);
        expect(t.funding, `${t.side} ${new Date(t.entryTime).toISOString()} → ${new Date(t.exitTime).toISOString()}`).toBeCloseTo(expected, 9);
      }
    }
    expect(crossing, "some trades were open at a funding settlement").toBeGreaterThan(0);
  });

  it("writes every results file, and the analysis studies the real funding history", () => {
    for (const file of [DISCOVERY_FILE, BACKTEST_RESULTS_FILE, EDGE_ANALYSIS_FILE, FINAL_REPORT_FILE]) {
      expect(existsSync(path.join(resultsDir, file)), file).toBe(true);
    }
    expect(phases.find((p) => p.phase === "backtest")?.summary.file).toBe(path.join(resultsDir, BACKTEST_RESULTS_FILE));
    const analysis = JSON.parse(readFileSync(path.join(resultsDir, EDGE_ANALYSIS_FILE), "utf8")) as { edge: { trials: number }; funding: { symbol: string; study: FundingStudy }[] };
    expect(analysis.edge.trials).toBeGreaterThan(0);
    const study = analysis.funding.find((f) => f.symbol === SYMBOL)?.study;
    expect(study?.intervalMs, "Binance settles every 8 hours").toBe(8 * 3_600_000);
    expect(Object.values(study?.classCounts ?? {}).reduce((a, b) => a + b, 0), "every imported settlement is classified").toBe(12);

    const report = JSON.parse(readFileSync(path.join(resultsDir, FINAL_REPORT_FILE), "utf8")) as { execution: { phases: { phase: string }[]; dataCoverage: { timeframe: string; first: string; last: string; rows: number }[] } };
    expect(report.execution.phases.map((p) => p.phase)).toEqual(["data", "discovery", "backtest", "learning", "analysis"]);
    expect(report.execution.dataCoverage.find((c) => c.timeframe === "1m")).toMatchObject({ first: "2025-06-01T00:00:00.000Z", last: "2025-06-04T23:59:00.000Z", rows: 5760 });
  });
});
