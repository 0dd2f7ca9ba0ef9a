import { describe, expect, it } from "vitest";
import { buildEdgeReport, edgeRunFromHypothesisRun } from "@/lib/analysis/edge-report";
import { configSchema } from "@/lib/config-schema";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { backtestSettingsFromConfig } from "../hypothesis-runs/backtest-settings";
import { runHypotheses } from "../hypothesis-runs/run-hypotheses";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import type { CalibrationTarget } from "./calibration-effects";
import { calibrationOptionsSchema } from "./calibration-options";
import { inProcessRunner } from "./judge-market";
import { CalibrationError, runCalibration } from "./run-calibration";
import { summariseCalibration } from "./summarise-calibration";
import { storedSyntheticBundles } from "./stored-synthetic-bundles";

const END = Date.UTC(2026, 9, 1);
const SMALL = { symbols: ["BTCUSDT.P"], months: 3, seeds: 2, endMs: END };
/** The 5m catalog alone on one instrument: 20 trials, a few seconds per market. */
const config = configSchema.parse({ timeframes: ["5m"] });

/** A bounce after every bullish 5m bar closing with RSI(14) < 35 — the catalog hypothesis's own entry rule. */
const BOUNCE: CalibrationTarget = {
  matching: "RSI14_Oversold35_5m_Reversal_Long",
  plant: (size) => ({ kind: "rsi-below", timeframe: "5m", period: 14, level: 35, candle: "bullish", move: size, minutes: 60 }),
};

describe("runCalibration", () => {
  it("finds a strong planted effect on every seed, and nothing without it", async () => {
    const options = calibrationOptionsSchema.parse({ ...SMALL, sizes: [0.01] });
    const result = await runCalibration(config, options, inProcessRunner(config), { target: BOUNCE });
    expect(result.runs.map((r) => [r.seed, r.size])).toEqual([[1, 0], [1, 0.01], [2, 0], [2, 0.01]]);
    expect(result.runs[0]?.trials, "every 5m hypothesis on the instrument").toBe(discoverHypotheses(config).length);
    const [none, strong] = summariseCalibration(result, config).rows;
    expect(strong?.found.count, "a 1% bounce after every trigger is found on both seeds").toBe(2);
    expect(strong?.tradesPerInstrument).toBeGreaterThan(100);
    expect(strong?.estimate?.monthsFor80, "the model agrees three months are about enough").toBeLessThanOrEqual(6);
    expect(none?.found.count, "the matching hypothesis does not pass where nothing was planted").toBe(0);
    expect(none?.estimate).toBeNull();
  }, 60_000);

  it("counts false positives on the null market with the pipeline's own gate", async () => {
    // Thresholds loose enough that some of the null market's trials pass, so there is something to count.
    const loose = configSchema.parse({
      timeframes: ["5m"],
      edgeThresholds: { winRate: 0.3, profitFactor: { "2m": 0.5, "5m": 0.5, "15m": 0.5, "30m": 0.5 }, sharpe: -5, minTrades: 5, minDeflatedSharpe: 0 },
      walkForward: { gate: "warn" },
    });
    const options = calibrationOptionsSchema.parse({ ...SMALL, seeds: 3, sizes: [0.001] });
    const result = await runCalibration(loose, options, inProcessRunner(loose), { target: BOUNCE });
    const settings = backtestSettingsFromConfig(loose);
    const hypotheses = discoverHypotheses(loose);
    const passingBySeed = [1, 2, 3].map((seed) => {
      const market = generateSyntheticMarket({ seed, symbols: SMALL.symbols, startMs: Date.UTC(2026, 6, 1), endMs: END });
      const runs = storedSyntheticBundles(market).flatMap((b) => runHypotheses(b, hypotheses, settings, loose.regime));
      const report = buildEdgeReport(runs.map((r) => edgeRunFromHypothesisRun(r, null, settings.startingEquity)), { thresholds: loose.edgeThresholds, walkForward: loose.walkForward });
      return report.entries.filter((e) => e.overall === "pass").map((e) => e.hypothesisName).sort();
    });
    const nullRuns = result.runs.filter((r) => r.size === 0);
    expect(nullRuns.map((r) => r.passing.map((p) => p.hypothesisName).sort()), "the same markets, the same verdicts").toEqual(passingBySeed);
    const falsePositives = passingBySeed.filter((names) => names.length > 0).length;
    expect(falsePositives, "the loose gate lets something through").toBeGreaterThan(0);
    expect(summariseCalibration(result, loose).rows[0]?.anyPassed.count).toBe(falsePositives);
  }, 60_000);

  it("refuses an effect whose matching hypothesis the pipeline would not test", async () => {
    const only30m = configSchema.parse({ timeframes: ["30m"] });
    const options = calibrationOptionsSchema.parse({ ...SMALL, sizes: [0.01] });
    await expect(runCalibration(only30m, options, inProcessRunner(only30m))).rejects.toThrow(CalibrationError);
    await expect(runCalibration(only30m, options, inProcessRunner(only30m))).rejects.toThrow(/RSI14_Oversold25_5m_Reversal_Long is not among the/);
  });
});
