import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getRun, listRuns, listTrades, loadEquity } from "@/db/queries/backtests";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { generateMarketData } from "./generate-market-data";
import { stopJobQueue } from "./job-queue";
import { BACKTEST_RESULTS_FILE, runBacktests } from "./run-backtests";
import { startWorker } from "./worker-runtime";

const config = configSchema.parse({});
const noProgress = async () => {};

describe("backtest job: tasks worked through the queue", () => {
  let handle: DatabaseHandle;
  const resultsDir = mkdtempSync(path.join(tmpdir(), "pel-results-"));
  beforeAll(async () => {
    handle = await openTestDatabase();
    await generateMarketData(handle.db, { seed: 3, months: 1, symbols: ["BTCUSDT.P", "ETHUSDT.P"], endMs: Date.UTC(2026, 9, 1) }, noProgress);
    await startWorker(handle, { jobs: 0 });
  });
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("stores every run with its trades and equity, and writes identical results twice", async () => {
    const hypotheses = discoverHypotheses(config, { quick: true });
    const params = { label: "test", symbols: ["BTCUSDT.P", "ETHUSDT.P"] };
    const first = await runBacktests(handle.db, config, params, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
    const firstFile = readFileSync(path.join(resultsDir, BACKTEST_RESULTS_FILE), "utf8");
    expect(first.totals.runs, "every hypothesis × instrument").toBe(hypotheses.length * 2);

    const runs = await listRuns(handle.db, first.batchId);
    expect(runs).toHaveLength(first.totals.runs);
    const busiest = [...first.runs].sort((a, b) => b.metrics.trades - a.metrics.trades)[0];
    expect(busiest?.metrics.trades, "the quick catalog trades on a month of data").toBeGreaterThan(0);
    const stored = await getRun(handle.db, busiest?.runId ?? "");
    const trades = await listTrades(handle.db, busiest?.runId ?? "");
    expect(trades).toHaveLength(busiest?.metrics.trades ?? -1);
    expect(trades.reduce((sum, t) => sum + t.netPnl, 0), "stored trades add up to the run's net PnL").toBeCloseTo((busiest?.metrics.netReturn ?? 0) * config.startingEquity, 6);
    expect(stored?.metrics).toEqual(busiest?.metrics);
    expect((await loadEquity(handle.db, busiest?.runId ?? "")).length).toBeGreaterThan(10);

    await runBacktests(handle.db, config, params, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
    expect(readFileSync(path.join(resultsDir, BACKTEST_RESULTS_FILE), "utf8"), "same data and hypotheses → identical results").toBe(firstFile);
  });

  it("names what is missing instead of running on nothing", async () => {
    await expect(runBacktests(handle.db, config, { label: "t", symbols: ["BNBUSDT.P"] }, { progress: noProgress, hypotheses: discoverHypotheses(config, { quick: true }), resultsDir, queueUrl: handle.url })).rejects.toThrow(/No 2m candles stored for BNBUSDT\.P/);
  });
});
