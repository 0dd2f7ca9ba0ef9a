import { toCsv, type CsvColumn } from "@/lib/client/csv";
import type { BatchJson, RunSummaryJson } from "@/lib/contract/backtests";

/** A fraction as a percentage number for a spreadsheet (0.1234 → 12.34), unrounded beyond float noise. */
const pct = (value: number | null) => (value === null ? null : Number((value * 100).toPrecision(12)));

type Row = RunSummaryJson & { verdict: string | undefined };

/** The runs table's columns as a spreadsheet reads them: raw numbers, units in the headers. */
const COLUMNS: readonly CsvColumn<Row>[] = [
  { header: "Hypothesis", value: (r) => r.hypothesisName },
  { header: "Timeframe", value: (r) => r.timeframe },
  { header: "Instrument", value: (r) => r.symbol },
  { header: "Kind", value: (r) => r.kind },
  { header: "Trades", value: (r) => r.trades },
  { header: "Win rate (%)", value: (r) => pct(r.winRate) },
  { header: "Profit factor", value: (r) => (r.profitFactorUnbounded ? "unbounded (no losses)" : r.profitFactor) },
  { header: "Net return (%)", value: (r) => pct(r.netReturn) },
  { header: "Sharpe (annualised, daily returns × √365)", value: (r) => r.sharpe },
  { header: "Max drawdown (%)", value: (r) => pct(r.maxDrawdown) },
  { header: "Edge verdict", value: (r) => r.verdict },
  { header: "Run id", value: (r) => r.id },
];

/** The given runs, in their order, as CSV text. */
export function runsCsv(runs: readonly RunSummaryJson[], verdicts: BatchJson["verdicts"]): string {
  return toCsv(
    COLUMNS,
    runs.map((r) => ({ ...r, verdict: verdicts[r.id] })),
  );
}
