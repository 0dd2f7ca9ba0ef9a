import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { startWorker } from "@/lib/jobs/worker-runtime";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { PIPELINE_MODES, pipelineParamsSchema, runPipeline } from "@/lib/jobs/run-pipeline";
import { errorMessage } from "@/lib/error-message";
import { HypothesisFileError } from "@/lib/signals/errors";
import { parseHypothesesFile } from "@/lib/signals/hypothesis";
import { parseDateRange } from "./cli/parse-date";
import { parseList } from "./cli/parse-list";
import { CliOptionError, option, parseOptions } from "./cli/parse-options";
import { readOptionFile } from "./cli/read-option-file";
import { runCli } from "./cli/run-cli";
import { terminalProgress } from "./cli/terminal-progress";

const USAGE = `usage: npm run pipeline -- --mode ${PIPELINE_MODES.join("|")} [options]

  --quick               a small subset of hypotheses on a short window, end to end in well under a minute
  --no-fetch            use the stored data (or generate the synthetic market when none is stored) instead of fetching
  --hypotheses FILE     test these hypotheses (same JSON shape as the discovery file) instead of the catalog
  --symbols A,B         instruments (default: config)
  --from DATE --to DATE limit the backtest to a UTC date range (ISO 8601, e.g. 2026-05-01)
  --json                machine-readable output on stdout`;

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "full" },
    quick: { type: "boolean", default: false },
    "no-fetch": { type: "boolean", default: false },
    hypotheses: { type: "string" },
    symbols: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

/** A hypotheses file is read before anything starts, so its first problem is named with the option that gave it. */
function checkHypothesesFile(file: { path: string; text: string }, minRiskReward: Parameters<typeof parseHypothesesFile>[1]): void {
  try {
    parseHypothesesFile(file.text, minRiskReward);
  } catch (error) {
    if (error instanceof HypothesisFileError) throw new CliOptionError("--hypotheses", file.path, `is refused: ${errorMessage(error)}`);
    throw error;
  }
}

runCli(async () => {
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = getConfig();
  const hypothesesFile = values.hypotheses === undefined ? undefined : { path: values.hypotheses, text: readOptionFile("--hypotheses", values.hypotheses) };
  if (hypothesesFile) checkHypothesesFile(hypothesesFile, config.minRiskReward);
  const { fromMs, toMs } = parseDateRange(values.from, values.to);
  const params = parseOptions(pipelineParamsSchema, {
    mode: option("--mode", values.mode),
    quick: { value: values.quick },
    noFetch: { value: values["no-fetch"] },
    symbols: option("--symbols", values.symbols, parseList(values.symbols)),
    fromMs: option("--from", values.from, fromMs),
    toMs: option("--to", values.to, toMs),
    hypothesesFile: option("--hypotheses", values.hypotheses, hypothesesFile),
  });
  const store = await getDatabase();
  const { db, driver, location } = store;
  // This process works its own run's tasks; workers started elsewhere (npm run worker) take a share of them too.
  const stopSweep = await startWorker(store, { jobs: 0 });
  const say = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  say(`store: ${driver} (${location})`);
  const bars: ReturnType<typeof terminalProgress>[] = [];
  const reports = await runPipeline(db, config, params, {
    say,
    queueUrl: store.url,
    exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL,
    progress: (phase) => {
      const bar = terminalProgress({ quiet: values.json });
      bars.push(bar);
      return async (done, total, step) => {
        await bar.update(done, total, step ? `${phase}: ${step}` : phase);
        if (done >= total) bar.stop();
      };
    },
  }).finally(() => {
    bars.forEach((b) => b.stop());
    stopSweep();
  });
  if (values.json) process.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
});
