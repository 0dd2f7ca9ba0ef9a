import type { Interval } from "@/lib/analysis/interval";
import { wilsonInterval } from "@/lib/analysis/wilson-interval";
import type { AppConfig } from "@/lib/config-schema";
import type { MatchingTrial } from "./judge-market";
import { estimatePower, type PowerEstimate } from "./power-estimate";
import type { CalibrationResult } from "./run-calibration";

/** A count of markets out of `of`, with its 95% Wilson interval. */
export interface Proportion {
  readonly count: number;
  readonly of: number;
  readonly rate: number;
  readonly interval: Interval | null;
}

/** One planted size (0: the market without the effect) over every seed. */
export interface CalibrationRow {
  readonly size: number;
  /** Markets where the matching hypothesis passed on at least one instrument: the power (a false positive at size 0). */
  readonly found: Proportion;
  /** Markets where anything passed: at size 0, the false-positive rate the multiple-testing gate should hold ≤ 5%. */
  readonly anyPassed: Proportion;
  /** Per instrument and market: planted events, and the matching hypothesis's trades, mean net return per trade and its t-statistic. */
  readonly eventsPerInstrument: number;
  readonly tradesPerInstrument: number;
  readonly meanBps: number | null;
  readonly tStatistic: number | null;
  /** What most often kept the matching hypothesis from passing, and on what share of its trials. */
  readonly mainBlocker: { readonly label: string; readonly share: number } | null;
  /** Null at size 0. */
  readonly estimate: PowerEstimate | null;
}

export interface CalibrationSummary {
  readonly matching: string;
  readonly months: number;
  readonly seeds: number;
  readonly symbols: readonly string[];
  /** The deflated Sharpe's N: hypotheses × instruments. */
  readonly trials: number;
  readonly rows: readonly CalibrationRow[];
}

function proportion(count: number, of: number): Proportion {
  return { count, of, rate: of > 0 ? count / of : 0, interval: wilsonInterval(count, of) };
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function mainBlocker(trials: readonly MatchingTrial[]): CalibrationRow["mainBlocker"] {
  const counts = new Map<string, number>();
  for (const m of trials) for (const b of new Set(m.blockers)) counts.set(b, (counts.get(b) ?? 0) + 1);
  const [label, count] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [];
  return label === undefined || count === undefined ? null : { label, share: count / trials.length };
}

/** Power, false positives and what the matching hypothesis measured, per planted size, with the data-length estimate. */
export function summariseCalibration(result: CalibrationResult, config: AppConfig): CalibrationSummary {
  const sizes = [...new Set(result.runs.map((r) => r.size))].sort((a, b) => a - b);
  const trials = result.runs[0]?.trials ?? 0;
  const rows = sizes.map((size): CalibrationRow => {
    const runs = result.runs.filter((r) => r.size === size);
    const matching = runs.flatMap((r) => r.matching);
    const tStats = matching.flatMap((m) => (m.meanBps !== null && m.sdBps !== null && m.sdBps > 0 ? [(m.meanBps / m.sdBps) * Math.sqrt(m.trades)] : []));
    return {
      size,
      found: proportion(runs.filter((r) => r.matching.some((m) => m.passed)).length, runs.length),
      anyPassed: proportion(runs.filter((r) => r.passing.length > 0).length, runs.length),
      eventsPerInstrument: mean(runs.map((r) => r.events)) ?? 0,
      tradesPerInstrument: mean(matching.map((m) => m.trades)) ?? 0,
      meanBps: mean(matching.flatMap((m) => (m.meanBps === null ? [] : [m.meanBps]))),
      tStatistic: mean(tStats),
      mainBlocker: mainBlocker(matching),
      estimate: size === 0 ? null : estimatePower(matching, config, result.matchingTimeframe, result.options.months, trials),
    };
  });
  return { matching: result.matching, months: result.options.months, seeds: result.options.seeds, symbols: result.symbols, trials, rows };
}
