import { profitFactor } from "@/lib/backtest/metrics/profit-factor";
import type { Trade } from "@/lib/backtest/types";
import { LearningError } from "./errors";
import type { MetaLabelResult } from "./meta-label";

type ReportTrade = Pick<Trade, "entryIndex" | "entryTime" | "netPnl" | "r">;

export interface OutOfSampleStats {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly winRate: number | null;
  readonly netPnl: number;
  /** Null with no losing PnL; `profitFactorUnbounded` then says whether there were winners. */
  readonly profitFactor: number | null;
  readonly profitFactorUnbounded: boolean;
  readonly meanR: number | null;
}

export interface CalibrationBin {
  /** Predicted P(win) in [from, to) (the last bin includes 1). */
  readonly from: number;
  readonly to: number;
  readonly n: number;
  readonly meanProbability: number | null;
  /** Realised win rate of the plain out-of-sample trades whose signal bar's P fell in the bin. */
  readonly winRate: number | null;
}

export interface MetaLabelReport {
  readonly oosFrom: number;
  /** Out of sample (entry ≥ oosFrom): every plain trade, and the trades of the variant gated by the models. */
  readonly plain: OutOfSampleStats;
  readonly filtered: OutOfSampleStats;
  /** Mean importance of each feature over the versions. */
  readonly importances: Record<string, number>;
  readonly calibration: CalibrationBin[];
  readonly versions: number;
  readonly thresholds: number[];
}

export function outOfSampleStats(trades: readonly ReportTrade[]): OutOfSampleStats {
  const wins = trades.filter((t) => t.netPnl > 0).length;
  const pf = profitFactor(trades);
  return {
    trades: trades.length,
    wins,
    losses: trades.length - wins,
    winRate: trades.length > 0 ? wins / trades.length : null,
    netPnl: trades.reduce((a, t) => a + t.netPnl, 0),
    profitFactor: pf.value,
    profitFactorUnbounded: pf.unbounded,
    meanR: trades.length > 0 ? trades.reduce((a, t) => a + t.r, 0) / trades.length : null,
  };
}

function meanImportances(result: MetaLabelResult): Record<string, number> {
  const sums = new Map<string, number>();
  for (const v of result.versions) for (const [name, value] of Object.entries(v.metrics.importances)) sums.set(name, (sums.get(name) ?? 0) + value);
  return Object.fromEntries([...sums].map(([name, sum]) => [name, sum / result.versions.length]));
}

function calibration(result: MetaLabelResult, plain: readonly ReportTrade[], bins: number): CalibrationBin[] {
  const groups = Array.from({ length: bins }, () => ({ n: 0, p: 0, wins: 0 }));
  for (const t of plain) {
    const p = result.probability[t.entryIndex - 1] ?? Number.NaN;
    if (!Number.isFinite(p)) continue;
    const g = groups[Math.min(bins - 1, Math.floor(p * bins))];
    if (!g) continue;
    g.n++;
    g.p += p;
    if (t.netPnl > 0) g.wins++;
  }
  return groups.map((g, b) => ({ from: b / bins, to: (b + 1) / bins, n: g.n, meanProbability: g.n > 0 ? g.p / g.n : null, winRate: g.n > 0 ? g.wins / g.n : null }));
}

/**
 * Per hypothesis, what meta-labelling did out of sample: the plain trades entering from oosFrom against the gated
 * variant's (the re-run with the gate ANDed into its entries), the features the models leaned on, and whether P(win)
 * meant what it said (calibration of the plain out-of-sample trades, `bins` equal-width bins of P).
 */
export function metaLabelReport(input: { result: MetaLabelResult; plainTrades: readonly ReportTrade[]; variantTrades: readonly ReportTrade[]; bins?: number }): MetaLabelReport {
  const { result } = input;
  const bins = input.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) throw new LearningError("INVALID_INPUT", `bins must be a whole number of at least 1, got ${bins}`);
  const plain = input.plainTrades.filter((t) => t.entryTime >= result.oosFrom);
  const filtered = input.variantTrades.filter((t) => t.entryTime >= result.oosFrom);
  return {
    oosFrom: result.oosFrom,
    plain: outOfSampleStats(plain),
    filtered: outOfSampleStats(filtered),
    importances: meanImportances(result),
    calibration: calibration(result, plain, bins),
    versions: result.versions.length,
    thresholds: result.versions.map((v) => v.threshold),
  };
}
