import { configSchema } from "@/lib/config-schema";
import { SYNTHETIC_DEFAULT_END } from "@/lib/jobs/generate-market-data";
import { calibrationOptionsSchema } from "@/lib/calibration/calibration-options";
import { formatCalibrationTable } from "@/lib/calibration/calibration-table";
import { runCalibration } from "@/lib/calibration/run-calibration";
import { summariseCalibration, type CalibrationSummary } from "@/lib/calibration/summarise-calibration";
import { threadedBacktestRunner } from "../cli/threaded-backtest-runner";

/**
 * A small known-answer run of the whole research decision (npm run calibrate is the full-size one): an RSI bounce
 * planted after the trigger of RSI14_Oversold35_5m_Reversal_Long, 2 seeds × 3 months, the full catalog on 3 instruments.
 */
export async function benchCalibration(log: (line: string) => void): Promise<{ ms: number; markets: number; summary: CalibrationSummary }> {
  const config = configSchema.parse({});
  const options = calibrationOptionsSchema.parse({ effect: "rsi-bounce", level: 35, sizes: [0.005, 0.01], seeds: 2, months: 3, endMs: SYNTHETIC_DEFAULT_END });
  const t = performance.now();
  const result = await runCalibration(config, options, threadedBacktestRunner(config));
  const ms = performance.now() - t;
  const summary = summariseCalibration(result, config);
  log(formatCalibrationTable(summary));
  log(`${result.runs.length} markets (generate, resample, ${result.hypotheses} hypotheses × ${result.symbols.length} instruments, edge report) in ${(ms / 1000).toFixed(1)} s, ${(ms / result.runs.length / 1000).toFixed(1)} s a market`);
  return { ms, markets: result.runs.length, summary };
}
