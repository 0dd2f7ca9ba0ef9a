import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { formatInt, formatUtc } from "@/lib/format";
import { generateMarketData, generateParamsSchema } from "@/lib/jobs/generate-market-data";
import { exportMarketData } from "@/lib/jobs/export-market-data";
import { fetchMarketData, fetchParamsSchema } from "@/lib/jobs/fetch-market-data";
import { importMarketFile, importParamsSchema } from "@/lib/jobs/import-market-file";
import { marketStatus } from "@/lib/jobs/market-status";
import { parseList } from "./cli/parse-list";
import { CliOptionError, option, parseOptions } from "./cli/parse-options";
import { readOptionFile } from "./cli/read-option-file";
import { printResult as print } from "./cli/print-result";
import { runCli } from "./cli/run-cli";
import { terminalProgress } from "./cli/terminal-progress";

const USAGE = `usage: npm run data -- <command> [options]

commands:
  status                          coverage per instrument × timeframe: first, last, rows, gaps
  generate [--seed N] [--months N] [--symbols A,B]
                                  the synthetic market (1m, resampled to 2m/5m/15m/30m, funding)
  fetch [--exchange kraken|gemini] [--symbols A,B] [--timeframes 1m,5m] [--months N] [--base-url URL]
                                  candles and funding history via ccxt, resumable; 2m is built from 1m
                                  (--base-url, else $EXCHANGE_BASE_URL: a Kraken Futures emulator)
  import --file F --symbol S [--timeframe TF] [--kind candles|funding] [--resample 2m,5m,15m,30m]
                                  a CSV or JSON file, all or nothing; --resample also builds and stores those
                                  coarser timeframes from the file's candles
  export [--out DIR]              every stored series as CSV under DIR/raw and DIR/funding_rates (default data/)
options:
  --json                          machine-readable output on stdout`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    seed: { type: "string" },
    months: { type: "string" },
    symbols: { type: "string" },
    timeframes: { type: "string" },
    exchange: { type: "string" },
    "base-url": { type: "string" },
    file: { type: "string" },
    symbol: { type: "string" },
    timeframe: { type: "string" },
    kind: { type: "string" },
    resample: { type: "string" },
    out: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});


runCli(async () => {
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const config = getConfig();
  const { db, driver, location } = await getDatabase();
  if (!values.json) process.stderr.write(`store: ${driver} (${location})\n`);

  if (command === "status") {
    const status = await marketStatus(db);
    print(values.json, status, () => {
      if (status.candles.length === 0) return "No candles stored. Try: npm run data -- generate";
      const lines = status.candles.map((c) => {
        const gaps = c.gaps.length === 0 ? "no gaps" : `${c.missingBars} missing bars in ${c.gaps.length}${c.gaps.length === 10 ? "+" : ""} gaps, first after ${formatUtc(c.gaps[0]?.after ?? c.first)}`;
        return `${c.symbol.padEnd(10)} ${c.timeframe.padEnd(4)} ${formatUtc(c.first)} → ${formatUtc(c.last)}  ${formatInt(c.rows).padStart(9)} rows  ${gaps}  [${c.source ?? "?"}]`;
      });
      const funding = status.funding.map((f) => `${f.symbol.padEnd(10)} fund ${formatUtc(f.first)} → ${formatUtc(f.last)}  ${formatInt(f.rows).padStart(9)} rates  [${f.source ?? "?"}]`);
      return [...lines, ...funding].join("\n");
    });
    return;
  }

  if (command === "generate") {
    const params = parseOptions(generateParamsSchema, {
      seed: option("--seed", values.seed),
      months: option("--months", values.months, values.months ?? config.dataLookbackMonths),
      symbols: option("--symbols", values.symbols, parseList(values.symbols) ?? config.instruments),
    });
    const bar = terminalProgress({ quiet: values.json });
    const report = await generateMarketData(db, params, bar.update).finally(bar.stop);
    print(values.json, report, () =>
      [
        `Synthetic market, seed ${report.seed}: ${formatUtc(report.from)} → ${formatUtc(report.to)}`,
        ...report.instruments.map((i) => `  ${i.symbol}: ${formatInt(i.candles1m)} 1m candles, ${i.fundingRates} funding rates; ${i.resampled.map((r) => `${r.timeframe} ${formatInt(r.rows)}`).join(", ")}`),
        `  generated in ${(report.timings.generateMs / 1000).toFixed(1)}s, stored in ${(report.timings.storeMs / 1000).toFixed(1)}s, resampled+stored in ${(report.timings.resampleMs / 1000).toFixed(1)}s`,
      ].join("\n"),
    );
    return;
  }

  if (command === "fetch") {
    const exchange = values.exchange === "gemini" ? "gemini" : values.exchange === undefined || values.exchange === "kraken" || values.exchange === "krakenfutures" ? "krakenfutures" : undefined;
    if (!exchange) throw new CliOptionError("--exchange", values.exchange, "must be kraken or gemini");
    const params = parseOptions(fetchParamsSchema, {
      exchange: { value: exchange },
      symbols: option("--symbols", values.symbols, parseList(values.symbols) ?? config.instruments),
      timeframes: option("--timeframes", values.timeframes, parseList(values.timeframes) ?? config.timeframes),
      months: option("--months", values.months, Number(values.months ?? config.dataLookbackMonths)),
    });
    const bar = terminalProgress({ quiet: values.json });
    const log = async (m: string) => {
      if (!values.json) process.stderr.write(`  ${m}\n`);
    };
    const exchangeBaseUrl = values["base-url"] ?? loadRuntimeEnv().EXCHANGE_BASE_URL;
    const report = await fetchMarketData(db, params, bar.update, { log, exchangeBaseUrl }).finally(bar.stop);
    print(values.json, report, () =>
      [
        ...report.series.map((s) => `${s.symbol} ${s.timeframe}: ${formatInt(s.written)} candles in ${s.pages} pages (${formatUtc(s.startMs)} → ${formatUtc(s.endMs)})`),
        ...report.funding.map((f) => `${f.symbol} funding: ${formatInt(f.written)} rates`),
        ...report.resampled.map((r) => `${r.symbol} ${r.timeframe}: ${formatInt(r.rows)} bars built from 1m (${r.incompleteBuckets} with missing minutes)`),
      ].join("\n"),
    );
    return;
  }

  if (command === "import") {
    if (!values.file) throw new CliOptionError("--file", undefined, "");
    const params = parseOptions(importParamsSchema, {
      fileName: option("--file", values.file),
      symbol: option("--symbol", values.symbol),
      kind: option("--kind", values.kind),
      timeframe: option("--timeframe", values.timeframe),
      resampleTo: option("--resample", values.resample, parseList(values.resample)),
    });
    const result = await importMarketFile(db, params, readOptionFile("--file", values.file), async () => {});
    print(values.json, result, () =>
      [
        `Imported ${formatInt(result.rows)} ${result.kind === "funding" ? "funding rates" : `${params.timeframe} candles`} for ${result.symbol} from ${values.file}`,
        ...(result.resampled ?? []).map((r) => `  ${r.timeframe}: ${formatInt(r.rows)} bars built from ${params.timeframe} (${r.incompleteBuckets} with missing bars)`),
      ].join("\n"),
    );
    return;
  }

  if (command === "export") {
    const files = await exportMarketData(db, values.out ?? "data");
    print(values.json, { files }, () => files.map((f) => `wrote ${f}`).join("\n") || "Nothing stored to export.");
    return;
  }

  throw new Error(`unknown command "${command}"\n${USAGE}`);
});
