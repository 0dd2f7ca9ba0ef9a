import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { listRuns, listTrades } from "@/db/queries/backtests";
import { listHypotheses, upsertHypotheses } from "@/db/queries/hypotheses";
import { latestLearnedModels, storedModelVersion } from "@/db/queries/learned-models";
import { openTestDatabase } from "@/db/testing/test-databases";
import { configSchema } from "@/lib/config-schema";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import { runLeg } from "@/lib/hypothesis-runs/run-hypotheses";
import { learnedLeg } from "@/lib/learning/learned-leg";
import { legFrom } from "@/lib/learning/leg-from";
import type { LearningReport } from "@/lib/learning/learning-report";
import { TRADING_TIMEFRAMES } from "@/lib/market/timeframe";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { generateMarketData } from "./generate-market-data";
import { stopJobQueue } from "./job-queue";
import { loadMarketBundle } from "./load-market-bundle";
import { runAnalysis, type AnalysisReport } from "./run-analysis";
import { type BacktestBatchReport, runBacktests } from "./run-backtests";
import { runLearning } from "./run-learning";
import { startWorker } from "./worker-runtime";

const config = configSchema.parse({});
const noProgress = async () => {};
const SYMBOL = "BTCUSDT.P";

describe("the learning phase on a stored batch", () => {
  let handle: DatabaseHandle;
  let batch: BacktestBatchReport;
  let learning: LearningReport;
  let analysis: AnalysisReport;
  const hypotheses = discoverHypotheses(config, { quick: true });
  const resultsDir = mkdtempSync(path.join(tmpdir(), "pel-learning-"));

  beforeAll(async () => {
    handle = await openTestDatabase();
    await generateMarketData(handle.db, { seed: 5, months: 2, symbols: [SYMBOL], endMs: Date.UTC(2026, 9, 1) }, noProgress);
    await upsertHypotheses(handle.db, hypotheses, "discovery");
    await startWorker(handle, { jobs: 0 });
    batch = await runBacktests(handle.db, config, { label: "learning", symbols: [SYMBOL] }, { progress: noProgress, hypotheses, resultsDir, queueUrl: handle.url });
    learning = await runLearning(handle.db, config, { batchId: batch.batchId, progress: noProgress });
    analysis = await runAnalysis(handle.db, config, { batchId: batch.batchId, progress: noProgress, resultsDir });
  }, 600_000);
  afterAll(async () => {
    await stopJobQueue();
    await handle?.close();
  });

  it("stores every variant as one more run of the batch, and the analysis counts each as a trial beside its plain side", async () => {
    expect(learning.variants.some((v) => v.kind === "meta_label"), "some quick hypothesis trades enough to learn from").toBe(true);
    const runs = await listRuns(handle.db, batch.batchId);
    expect(runs).toHaveLength(batch.runs.length + learning.variants.length);
    expect(analysis.edge.trials).toBe(batch.runs.length + learning.variants.length);
    expect(analysis.learning?.variants).toEqual(learning.variants);
    for (const v of learning.variants) {
      expect(analysis.edge.entries.some((e) => e.hypothesisId === v.variantId && e.symbol === v.symbol), v.variantName).toBe(true);
      expect(v.from, "a variant is judged only where it is out of sample").toBeGreaterThanOrEqual(runs.find((r) => r.hypothesisId === v.plain[0]?.id)?.fromTime ?? Infinity);
    }
    const stored = await listHypotheses(handle.db, learning.variants.map((v) => v.variantId));
    expect(stored.every((h) => h.source === "learned" && h.learned !== undefined)).toBe(true);
  });

  it("stores the models versioned, each trained on labels that ended before it predicts, and the stored versions reproduce the stored trades", async () => {
    const bundle = await loadMarketBundle(handle.db, SYMBOL, ["1m", ...TRADING_TIMEFRAMES]);
    const settings = backtestSettingsFromConfig(config);
    const runs = await listRuns(handle.db, batch.batchId);
    const variants = new Map((await listHypotheses(handle.db, learning.variants.map((v) => v.variantId))).map((h) => [h.id, h]));
    let checked = 0;
    for (const row of learning.variants.filter((v) => v.kind === "meta_label" || v.kind === "stacked")) {
      const versions = (await latestLearnedModels(handle.db, row.variantId, row.symbol)).map(storedModelVersion);
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, k) => k + 1));
      for (const [k, v] of versions.entries()) {
        expect(v.trainTo, `${row.variantName} v${v.version}: its labels are over before it predicts`).toBeLessThan(v.validFrom);
        if (k > 0) expect(v.validFrom).toBeGreaterThan(versions[k - 1]?.validFrom ?? Infinity);
      }
      const h = variants.get(row.variantId);
      if (!h) throw new Error(`${row.variantId} not stored`);
      const again = runLeg(h, SYMBOL, legFrom(learnedLeg(h, bundle, new ResearchCache(config.regime), { versions, settings }), versions[0]?.validFrom ?? 0), settings);
      const run = runs.find((r) => r.hypothesisId === row.variantId && r.symbol === row.symbol);
      const trades = await listTrades(handle.db, run?.id ?? "");
      expect(trades.map((t) => [t.entryTime, t.exitTime, t.netPnl]), row.variantName).toEqual(again.trades.map((t) => [t.entryTime, t.exitTime, t.netPnl]));
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("learning again on the batch replaces its variants rather than adding a second set of trials", async () => {
    const before = (await listRuns(handle.db, batch.batchId)).length;
    const again = await runLearning(handle.db, config, { batchId: batch.batchId, progress: noProgress });
    expect(again.variants).toEqual(learning.variants);
    expect(await listRuns(handle.db, batch.batchId)).toHaveLength(before);
  }, 600_000);
});
