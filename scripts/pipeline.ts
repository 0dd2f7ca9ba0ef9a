import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { startWorker } from "@/lib/jobs/worker-runtime";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { PIPELINE_MODES, pipelineParamsSchema, runPipeline } from "@/lib/jobs/run-pipeline";
import { parseDate } from "./cli/parse-date";
import { parseList } from "./cli/parse-list";
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

runCli(async () => {
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const params = pipelineParamsSchema.parse({
    mode: values.mode,
    quick: values.quick,
    noFetch: values["no-fetch"],
    symbols: parseList(values.symbols),
    fromMs: parseDate(values.from, "--from"),
    toMs: parseDate(values.to, "--to"),
    hypothesesFile: values.hypotheses ? { path: values.hypotheses, text: readFileSync(values.hypotheses, "utf8") } : undefined,
  });
  const config = getConfig();
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
