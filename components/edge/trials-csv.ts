import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { SegmentMetrics } from "@/lib/analysis/segment-metrics";
import { toCsv, type CsvColumn } from "@/lib/client/csv";

const pct = (value: number | null) => (value === null ? null : Number((value * 100).toPrecision(12)));
const pf = (m: SegmentMetrics) => (m.profitFactorUnbounded ? "unbounded (no losses)" : m.profitFactor);

type Row = EdgeReportEntry & { runId: string | undefined };

/** The trials table as a spreadsheet reads it: raw numbers, units in the headers, whole period and out of sample. */
const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "Hypothesis", value: (e) => e.hypothesisName },
  { header: "Timeframe", value: (e) => e.timeframe },
  { header: "Instrument", value: (e) => e.symbol },
  { header: "Trades", value: (e) => e.full.metrics.trades },
  { header: "Win rate (%)", value: (e) => pct(e.full.metrics.winRate) },
  { header: "Profit factor", value: (e) => pf(e.full.metrics) },
  { header: "Net PnL (USDT)", value: (e) => e.full.metrics.netPnl },
  { header: "Sharpe (annualised, daily returns × √365)", value: (e) => e.full.metrics.sharpe },
  { header: "In-sample verdict", value: (e) => e.inSample.verdict.status },
  { header: "Out-of-sample trades", value: (e) => e.outOfSample.metrics.trades },
  { header: "Out-of-sample win rate (%)", value: (e) => pct(e.outOfSample.metrics.winRate) },
  { header: "Out-of-sample profit factor", value: (e) => pf(e.outOfSample.metrics) },
  { header: "Out-of-sample verdict", value: (e) => e.outOfSample.verdict.status },
  { header: "Deflated Sharpe (probability)", value: (e) => e.deflatedSharpe.deflatedSharpe },
  { header: "Overall verdict", value: (e) => e.overall },
  { header: "Why not a pass", value: (e) => e.overallReasons.join("; ") },
  { header: "Run id", value: (e) => e.runId },
];

/** The given trials, in their order, as CSV text; `runIdOf` names each trial's stored run. */
export function trialsCsv(entries: readonly EdgeReportEntry[], runIdOf: (e: EdgeReportEntry) => string | undefined): string {
  return toCsv(
    COLUMNS,
    entries.map((e) => ({ ...e, runId: runIdOf(e) })),
  );
}
