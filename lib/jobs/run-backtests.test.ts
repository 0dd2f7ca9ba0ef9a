import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { getRun, listRuns, listTrades, loadEquity } from "@/db/queries/backtests";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { isRunBelowMinRiskReward, type RiskRewardReport } from "@/lib/hypothesis-runs/risk-reward-report";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { parseHypothesesFile } from "@/lib/signals/hypothesis";
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

  it("marks runs below the timeframe's minimum reward:risk in the results file and the stored runs", async () => {
    const idea = {
      timeframe: "15m",
      direction: "long",
      description: "buys every green bar",
      entryConditions: ["Close > Open"],
      typicalHoldMinutes: [30, 120],
      slippagePips: 2.5,
      expectedAccuracy: 0.6,
      signalType: "momentum",
      indicatorsUsed: [],
      regimeBest: "any",
      fundingRateConsideration: "",
    };
    const file = JSON.stringify({
      version: 1,
      hypotheses: [
        { ...idea, id: "h_15m_tight", name: "Tight target", stopLoss: "0.5%", target: "+30 pips", allowBelowMinRiskReward: true },
        { ...idea, id: "h_15m_mixed", name: "ATR stop, pips target", stopLoss: "1 ATR below entry", target: "+30 pips" },
        { ...idea, id: "h_15m_wide", name: "Wide target", stopLoss: "1 ATR below entry", target: "2R" },
      ],
    });
    const hypotheses = parseHypothesesFile(file, config.minRiskReward);
    const report = await runBacktests(handle.db, config, { label: "rr", symbols: ["BTCUSDT.P"] }, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
    const written = JSON.parse(readFileSync(path.join(resultsDir, BACKTEST_RESULTS_FILE), "utf8")) as { runs: { hypothesisId: string; metrics: { trades: number }; diagnostics: { riskReward: RiskRewardReport } }[] };
    const byId = new Map(written.runs.map((r) => [r.hypothesisId, r]));
    const tight = byId.get("h_15m_tight");
    expect(tight?.metrics.trades, "green bars are common").toBeGreaterThan(0);
    expect(tight?.diagnostics.riskReward).toEqual({ minimum: 1.3, planned: 0.6, allowedBelowMinimum: true, tradesBelowMinimum: tight?.metrics.trades });
    const mixed = byId.get("h_15m_mixed")?.diagnostics.riskReward;
    expect(mixed?.planned, "ATR against pips is judged per trade").toBeNull();
    expect(mixed?.tradesBelowMinimum, "30 pips is under 1.3 ATR of a 15m BTC bar").toBeGreaterThan(0);
    expect(byId.get("h_15m_wide")?.diagnostics.riskReward).toMatchObject({ planned: 2, tradesBelowMinimum: 0 });
    const stored = await listRuns(handle.db, report.batchId);
    const marked = stored.filter((r) => isRunBelowMinRiskReward((r.diagnostics as { riskReward: RiskRewardReport }).riskReward)).map((r) => r.hypothesisId);
    expect(marked.sort(), "the stored runs carry the mark the dashboard shows").toEqual(["h_15m_mixed", "h_15m_tight"]);
  });

  it("names what is missing instead of running on nothing", async () => {
    await expect(runBacktests(handle.db, config, { label: "t", symbols: ["BNBUSDT.P"] }, { progress: noProgress, hypotheses: discoverHypotheses(config, { quick: true }), resultsDir, queueUrl: handle.url })).rejects.toThrow(/No 2m candles stored for BNBUSDT\.P/);
  });
});
