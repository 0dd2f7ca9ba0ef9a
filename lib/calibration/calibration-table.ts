import { MAX_ESTIMATE_MONTHS } from "./power-estimate";
import type { CalibrationRow, CalibrationSummary, Proportion } from "./summarise-calibration";

const percent = (v: number, digits = 0) => `${(v * 100).toFixed(digits)}%`;

function proportionCell(p: Proportion): string {
  const interval = p.interval ? ` [${percent(p.interval.lower)}–${percent(p.interval.upper)}]` : "";
  return `${p.count}/${p.of} = ${percent(p.rate)}${interval}`;
}

function estimateCell(row: CalibrationRow): string {
  if (!row.estimate) return "—";
  if (row.estimate.monthsFor80 !== null) return `~${row.estimate.monthsFor80}`;
  const [first, ...more] = row.estimate.limits;
  return `never: ${first ?? ""}${more.length > 0 ? ` (+${more.length} more)` : ""}`;
}

function rowCells(row: CalibrationRow): string[] {
  return [
    row.size === 0 ? "none" : percent(row.size, 2),
    proportionCell(row.found),
    proportionCell(row.anyPassed),
    row.size === 0 ? "—" : row.eventsPerInstrument.toFixed(0),
    row.tradesPerInstrument.toFixed(0),
    row.meanBps === null ? "—" : row.meanBps.toFixed(1),
    row.tStatistic === null ? "—" : row.tStatistic.toFixed(1),
    row.estimate ? percent(row.estimate.atMeasuredLength) : "—",
    estimateCell(row),
    row.mainBlocker ? `${row.mainBlocker.label} (${percent(row.mainBlocker.share)})` : "—",
  ];
}

const HEADER = [
  "planted move",
  "matching passes (power)",
  "anything passes",
  "events / instrument",
  "trades / instrument",
  "net bps / trade",
  "t",
  "model power",
  "months for 80% (est.)",
  "main blocker",
];

/** The calibration as a Markdown table (for the terminal, the bench and the README), with what it ran on. */
export function formatCalibrationTable(summary: CalibrationSummary): string {
  const lines = [
    `matching hypothesis ${summary.matching}; ${summary.seeds} seeds × ${summary.months} months × ${summary.symbols.length} instruments (${summary.symbols.join(", ")}); ${summary.trials} trials per market`,
    "",
    `| ${HEADER.join(" | ")} |`,
    `|${HEADER.map(() => "---").join("|")}|`,
    ...summary.rows.map((row) => `| ${rowCells(row).join(" | ")} |`),
    "",
    powerSentence(summary),
  ];
  return lines.join("\n");
}

/** The one sentence on data length, from the model; it says it is an estimate. */
function powerSentence(summary: CalibrationSummary): string {
  const planted = summary.rows.filter((r) => r.estimate);
  const reachable = planted.find((r) => r.estimate?.monthsFor80 !== null);
  const largest = planted.at(-1);
  if (!reachable) {
    return `Estimate (a model, not a measurement): no planted move up to ${largest ? percent(largest.size, 2) : "—"} reaches 80% power within ${MAX_ESTIMATE_MONTHS / 12} years of data — ${largest?.estimate?.limits.join("; ") ?? "no trades"}.`;
  }
  const smaller = planted.filter((r) => r.size < reachable.size);
  const rest = smaller.length > 0 ? `; smaller moves do not get there (${smaller.at(-1)?.estimate?.limits.join("; ") ?? ""})` : "";
  return `Estimate (a model, not a measurement): 80% power needs about ${reachable.estimate?.monthsFor80} months of data at a planted move of ${percent(reachable.size, 2)}${rest}.`;
}
