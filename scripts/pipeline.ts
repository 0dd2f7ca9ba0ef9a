import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { getConfig } from "@/lib/config";
import { runBacktests, backtestParamsSchema } from "@/lib/jobs/run-backtests";
import { runDiscovery } from "@/lib/jobs/run-discovery";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { parseHypothesesFile } from "@/lib/signals/hypothesis";
import { parseList } from "./cli/parse-list";
import { terminalProgress } from "./cli/terminal-progress";
import { runCli } from "./cli/run-cli";

const MODES = ["discovery", "backtest", "analysis", "full"] as const;
type Mode = (typeof MODES)[number];

const USAGE = `usage: npm run pipeline -- --mode ${MODES.join("|")} [options]

  --quick               a small subset, end to end in well under a minute
  --no-fetch            use the stored (or synthetic) data instead of fetching
  --hypotheses FILE     test these hypotheses (same JSON shape as the discovery file) instead of the catalog
  --symbols A,B         instruments (default: config)
  --from DATE --to DATE limit the backtest to a UTC date range (ISO 8601, e.g. 2026-05-01)
  --json                machine-readable output`;

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

function parseDate(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(ms)) throw new Error(`${flag} must be a date like 2026-05-01, got "${value}"`);
  return ms;
}

function isMode(m: string): m is Mode {
  return (MODES as readonly string[]).includes(m);
}

runCli(async () => {
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const mode = values.mode ?? "full";
  if (!isMode(mode)) throw new Error(`--mode must be one of ${MODES.join(", ")}, got "${mode}"`);
  const config = getConfig();
  const { db, driver, location } = await getDatabase();
  const say = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  say(`store: ${driver} (${location})`);

  const summary: Record<string, unknown> = {};
  if (mode === "discovery" || mode === "full") {
    const started = performance.now();
    const hypothesesFile = values.hypotheses ? { path: values.hypotheses, text: readFileSync(values.hypotheses, "utf8") } : undefined;
    const report = await runDiscovery(db, config, { quick: values.quick, hypothesesFile });
    const perTf = Object.entries(report.perTimeframe).map(([tf, n]) => `${tf} ${n}`).join(", ");
    say(`discovery: ${report.hypotheses.length} hypotheses (${perTf}) from ${report.source} → ${report.file} in ${Math.round(performance.now() - started)} ms`);
    summary.discovery = { count: report.hypotheses.length, perTimeframe: report.perTimeframe, file: report.file };
  }
  if (mode === "backtest" || mode === "full") {
    const symbols = parseList(values.symbols) ?? config.instruments;
    const params = backtestParamsSchema.parse({ label: `pipeline ${mode}${values.quick ? " (quick)" : ""}`, symbols, fromMs: parseDate(values.from, "--from"), toMs: parseDate(values.to, "--to") });
    const hypotheses = values.hypotheses ? parseHypothesesFile(readFileSync(values.hypotheses, "utf8")) : values.quick ? discoverHypotheses(config, { quick: true }) : undefined;
    const bar = terminalProgress({ quiet: values.json });
    const report = await runBacktests(db, config, params, { progress: bar.update, hypotheses }).finally(bar.stop);
    say(`backtest: ${report.totals.runs} runs (${report.hypotheses} hypotheses × ${report.symbols.length} instruments), ${report.totals.trades} trades; load ${Math.round(report.timings.loadMs)} ms, backtest+store ${Math.round(report.timings.computeAndStoreMs)} ms → ${report.file}`);
    summary.backtest = { batchId: report.batchId, runs: report.totals.runs, trades: report.totals.trades, file: report.file };
  }
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
});
