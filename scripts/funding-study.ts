import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { studyPerpetualMarkets, type MarketFundingStudy } from "@/lib/analysis/cross-exchange-funding-study";
import { fundingRateDistribution, type FundingRateDistribution } from "@/lib/analysis/funding-rate-distribution";
import type { ReversalCell } from "@/lib/analysis/funding-study";
import type { Interval } from "@/lib/analysis/interval";
import { formatInt, formatUtcDay } from "@/lib/format";
import { parseBinanceFundingHistory } from "@/lib/market/parse-binance-funding-history";
import { parseCrossExchangeCsv } from "@/lib/market/parse-cross-exchange-csv";
import { toFundingSeries } from "@/lib/market/series";
import { printResult } from "./cli/print-result";
import { runCli } from "./cli/run-cli";

const DATA = path.join("..", "shared", "data", "funding-rate-arbitrage");
const DEFAULT_FILE = path.join(DATA, "all_exchanges.csv");
const DEFAULT_HISTORY = path.join(DATA, "binance-BTCUSDT-funding-rate-history-2024-08-09.csv");
// Both files were written on a machine in London (Python's datetime.fromtimestamp, a browser export): see README.
const DEFAULT_TIME_ZONE = "Europe/London";

const USAGE = `usage: npm run funding-study -- [options]

The seed's claim (after funding > 0.0003 per 8h, price reverses with 70%+ probability) measured on real rates and
prices: per perpetual market of a cross-exchange CSV (time,exchange,crypto,pair,contract,open,high,low,close,volume,
funding rate), the reversal rate after extremes with its Wilson 95% interval, against the same move after every other
settlement; and the distribution of a rate history that has no prices (Binance's funding history export).

  --file PATH         the cross-exchange CSV (default ${DEFAULT_FILE})
  --history PATH      a Binance funding history export (default ${DEFAULT_HISTORY}, skipped if absent)
  --time-zone ZONE    IANA zone the files' zone-less times are wall-clock times in (default ${DEFAULT_TIME_ZONE})
  --horizons LIST     hours after each settlement, at least one bar (default 8,24,72)
  --json              machine-readable output on stdout`;

const { values } = parseArgs({
  options: {
    file: { type: "string", default: DEFAULT_FILE },
    history: { type: "string" },
    "time-zone": { type: "string", default: DEFAULT_TIME_ZONE },
    horizons: { type: "string", default: "8,24,72" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const pct = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(digits)}%`);
const range = (ci: Interval | null) => (ci ? `[${pct(ci.lower)}, ${pct(ci.upper)}]` : "—");

function cellLine(cell: ReversalCell): string {
  const test = cell.versusBaseline;
  const first = cell.firstOfRun;
  return [
    `${String(cell.horizonHours).padStart(3)}h`,
    `${String(cell.reversals).padStart(4)}/${String(cell.events).padEnd(4)} ${pct(cell.probability).padStart(6)} ${range(cell.ci).padEnd(16)}`,
    `base ${pct(cell.baseline.probability).padStart(6)} (n ${cell.baseline.events})`,
    `p ${test ? test.pValue.toFixed(2) : "—"}`,
    cell.verdict.padEnd(12),
    `first of run ${first.reversals}/${first.events} ${pct(first.probability)} ${range(first.ci)} ${first.verdict}`,
  ].join("  ");
}

function marketText(m: MarketFundingStudy): string {
  const s = m.study;
  const lines = [`${m.exchange} ${m.pair} (${m.crypto}): ${formatInt(m.candles)} ${m.barMs / 3_600_000}h bars ${formatUtcDay(m.from)} → ${formatUtcDay(m.to)}, ${formatInt(Object.values(s.classCounts).reduce((a, b) => a + b, 0))} settlements, ${m.eventsOffUtcGrid} off the UTC grid`];
  for (const [cls, label] of [["extreme_bullish", `> ${s.bands.extremeBullishAbove} (expect a fall)`], ["extreme_bearish", `< ${s.bands.extremeBearishBelow} (expect a rise)`]] as const) {
    lines.push(`  ${label}: ${s.classCounts[cls]} settlements`);
    for (const cell of s.reversal[cls]) if (cell.events > 0) lines.push(`    ${cellLine(cell)}`);
  }
  return lines.join("\n");
}

function historyText(file: string, d: FundingRateDistribution): string {
  return [
    `${path.basename(file)}: ${formatInt(d.events)} settlements every ${d.intervalMs / 3_600_000}h, ${formatUtcDay(d.from)} → ${formatUtcDay(d.to)}`,
    `  > ${d.bands.extremeBullishAbove}: ${d.classCounts.extreme_bullish} (${pct(d.extremeBullishShare, 2)} ${range(d.extremeBullishCi)}) in ${d.extremeBullishRuns} runs, longest ${d.longestExtremeBullishRun}; < ${d.bands.extremeBearishBelow}: ${d.classCounts.extreme_bearish}`,
    `  8h rate percentiles: p1 ${d.percentiles.p1}, p5 ${d.percentiles.p5}, median ${d.percentiles.p50}, p95 ${d.percentiles.p95}, p99 ${d.percentiles.p99}; min ${d.min}, max ${d.max}`,
    ...d.perYear.map((y) => `  ${y.year}: ${String(y.events).padStart(5)} settlements, ${String(y.extremeBullish).padStart(4)} > ${d.bands.extremeBullishAbove} (${pct(y.extremeBullish / y.events)}), ${y.extremeBearish} < ${d.bands.extremeBearishBelow}`),
  ].join("\n");
}

runCli(async () => {
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const timeZone = values["time-zone"];
  const horizonsHours = values.horizons.split(",").map((h) => {
    const hours = Number(h.trim());
    if (!(hours > 0) || !Number.isFinite(hours)) throw new Error(`--horizons takes positive hours, got "${h}"`);
    return hours;
  });
  const say = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };

  say(`reading ${values.file} (times in ${timeZone})`);
  const markets = parseCrossExchangeCsv(readFileSync(values.file, "utf8"), { timeZone });
  say(`  ${markets.length} markets, ${formatInt(markets.reduce((n, m) => n + m.candles.length, 0))} rows`);
  const studies = studyPerpetualMarkets(markets, { horizonsHours });

  const historyFile = values.history ?? (existsSync(DEFAULT_HISTORY) ? DEFAULT_HISTORY : undefined);
  const history = historyFile ? { file: historyFile, distribution: fundingRateDistribution(toFundingSeries("history", parseBinanceFundingHistory(readFileSync(historyFile, "utf8"), { timeZone }))) } : null;

  printResult(values.json, { file: values.file, timeZone, horizonsHours, markets: studies, history }, () =>
    [
      `Claim: after funding > ${studies[0]?.study.bands.extremeBullishAbove ?? 0.0003} per 8h, price reverses with ${pct(studies[0]?.study.reversal.extreme_bullish[0]?.claimed ?? 0.7, 0)}+ probability.`,
      `Per horizon: reversed/events, rate and Wilson 95% interval; the same move after every other settlement (base) and the two-proportion p-value.`,
      "",
      ...studies.map(marketText),
      ...(history ? ["", historyText(history.file, history.distribution)] : []),
    ].join("\n"),
  );
});
