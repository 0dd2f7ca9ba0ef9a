import { parseArgs } from "node:util";
import { errorMessage } from "@/lib/error-message";
import { installOutputRedaction } from "@/lib/security/install-output-redaction";
import { benchCalibration } from "./bench/bench-calibration";
import { benchCatalog } from "./bench/bench-catalog";
import { benchEngine } from "./bench/bench-engine";
import { benchIndicators } from "./bench/bench-indicators";
import { benchResponsiveness } from "./bench/bench-responsiveness";
import { benchSingleBacktest } from "./bench/bench-single-backtest";
import { benchStore } from "./bench/bench-store";

/** Benchmarks (not tests): prints measured speeds; `--only store|indicators|engine|backtest|catalog|calibration|runtime` runs one part. */
installOutputRedaction();
const { values } = parseArgs({ options: { only: { type: "string" }, json: { type: "boolean", default: false } } });
const log = (line: string) => {
  if (!values.json) process.stdout.write(`${line}\n`);
};
const peak = { rss: 0 };
const sampler = setInterval(() => (peak.rss = Math.max(peak.rss, process.memoryUsage().rss)), 50);

async function main(): Promise<void> {
  const results: Record<string, unknown> = {};
  const want = (part: string) => values.only === undefined || values.only === part;
  if (want("store")) {
    log("== market data: generate, resample, store");
    results.store = await benchStore(log);
  }
  if (want("indicators")) {
    log("== indicators for the full catalog, one instrument, 6 months of 2m");
    results.indicators = benchIndicators(log);
  }
  if (want("engine")) {
    log("== engine loop");
    results.engine = benchEngine(log);
  }
  if (want("backtest")) {
    log("== one backtest on six months of 1m bars (the case vectorbt was timed on)");
    results.backtest = benchSingleBacktest(log);
  }
  if (want("catalog")) {
    log("== full catalog backtest");
    results.catalog = await benchCatalog(log);
  }
  if (want("calibration")) {
    log("== calibration: a planted effect found, and nothing without it (small run; npm run calibrate for the full one)");
    results.calibration = await benchCalibration(log);
  }
  if (want("runtime")) {
    log("== the dashboard while a full pipeline runs (npm start on a fresh embedded store)");
    results.runtime = await benchResponsiveness(log);
  }
  peak.rss = Math.max(peak.rss, process.memoryUsage().rss);
  log(`peak memory (RSS): ${(peak.rss / 2 ** 20).toFixed(0)} MiB`);
  if (values.json) process.stdout.write(`${JSON.stringify({ ...results, peakRssBytes: peak.rss }, null, 2)}\n`);
}

main()
  .catch((error: unknown) => {
    process.stderr.write(`error: ${errorMessage(error)}\n`);
    process.exitCode = 1;
  })
  .finally(() => clearInterval(sampler));
