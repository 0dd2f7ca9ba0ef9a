import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { getConfig } from "@/lib/config";
import { runDiscovery } from "@/lib/jobs/run-discovery";
import { runCli } from "./cli/run-cli";

const MODES = ["discovery", "backtest", "analysis", "full"] as const;
type Mode = (typeof MODES)[number];

const USAGE = `usage: npm run pipeline -- --mode ${MODES.join("|")} [options]

  --quick               a small subset, end to end in well under a minute
  --no-fetch            use the stored (or synthetic) data instead of fetching
  --hypotheses FILE     test these hypotheses (same JSON shape as the discovery file) instead of the catalog
  --symbols A,B         instruments (default: config)
  --json                machine-readable output`;

const { values } = parseArgs({
  options: {
    mode: { type: "string", default: "full" },
    quick: { type: "boolean", default: false },
    "no-fetch": { type: "boolean", default: false },
    hypotheses: { type: "string" },
    symbols: { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

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
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
});
