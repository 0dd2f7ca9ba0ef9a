import { profitFactor } from "@/lib/backtest/metrics/profit-factor";
import type { Trade } from "@/lib/backtest/types";
import { DEFAULT_IN_SAMPLE_FRACTION, splitTime, splitTradesAt } from "@/lib/analysis/split-trades";
import { LearningError } from "./errors";

/** The fields of a plain hypothesis run that choosing members reads; a research run (`HypothesisRun`) fits. */
export interface MemberCandidateRun {
  readonly hypothesisId: string;
  readonly timeframe: string;
  readonly direction: string;
  readonly symbol: string;
  readonly fromTime: number;
  readonly toTime: number;
  readonly trades: readonly Pick<Trade, "entryTime" | "netPnl">[];
}

export interface ChosenMember {
  readonly hypothesisId: string;
  readonly inSampleTrades: number;
  /** Null when unbounded (no in-sample losses) — such a member ranks first. */
  readonly inSampleProfitFactor: number | null;
}

export interface EnsembleMembersGroup {
  readonly symbol: string;
  readonly timeframe: string;
  readonly direction: string;
  /** The edge analysis's in-sample / out-of-sample cut of the group's period: only trades entering before it ranked. */
  readonly cutTime: number;
  /** Best first; at least 2. */
  readonly members: ChosenMember[];
}

export interface EnsembleMembersOptions {
  /** Members per ensemble (default 3). */
  readonly k?: number;
  /** In-sample trades a member needs (default 30, the edge verdict's minimum). */
  readonly minTrades?: number;
  readonly inSampleFraction?: number;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * For each instrument × timeframe × direction, the top `k` plain hypotheses by IN-SAMPLE profit factor (trades
 * entering before the edge analysis's 70/30 cut, split-trades.ts), each with at least `minTrades` of them. Choosing on
 * the in-sample part only leaves the ensemble's out-of-sample segment unseen by the choice, as it is for its members.
 * Groups with fewer than two eligible hypotheses are left out. Ties rank by hypothesis id.
 */
export function ensembleMembers(runs: readonly MemberCandidateRun[], options: EnsembleMembersOptions = {}): EnsembleMembersGroup[] {
  const k = options.k ?? 3;
  const minTrades = options.minTrades ?? 30;
  const fraction = options.inSampleFraction ?? DEFAULT_IN_SAMPLE_FRACTION;
  if (!Number.isInteger(k) || k < 2) throw new LearningError("INVALID_INPUT", `k must be a whole number of at least 2, got ${k}`);
  if (!Number.isInteger(minTrades) || minTrades < 1) throw new LearningError("INVALID_INPUT", `minTrades must be a whole number of at least 1, got ${minTrades}`);
  const groups = new Map<string, { symbol: string; timeframe: string; direction: string; cutTime: number; scored: (ChosenMember & { rank: number })[] }>();
  for (const run of runs) {
    const cutTime = splitTime({ from: run.fromTime, to: run.toTime }, fraction);
    const inSample = splitTradesAt(run.trades, cutTime).before;
    if (inSample.length < minTrades) continue;
    const pf = profitFactor(inSample);
    const key = JSON.stringify([run.symbol, run.timeframe, run.direction]);
    const group = groups.get(key) ?? { symbol: run.symbol, timeframe: run.timeframe, direction: run.direction, cutTime, scored: [] };
    group.scored.push({
      hypothesisId: run.hypothesisId,
      inSampleTrades: inSample.length,
      inSampleProfitFactor: pf.value,
      rank: pf.unbounded ? Number.POSITIVE_INFINITY : (pf.value ?? 0),
    });
    groups.set(key, group);
  }
  return [...groups.values()]
    .filter((g) => g.scored.length >= 2)
    .map((g) => ({
      symbol: g.symbol,
      timeframe: g.timeframe,
      direction: g.direction,
      cutTime: g.cutTime,
      members: [...g.scored]
        .sort((a, b) => b.rank - a.rank || compareText(a.hypothesisId, b.hypothesisId))
        .slice(0, k)
        .map(({ hypothesisId, inSampleTrades, inSampleProfitFactor }) => ({ hypothesisId, inSampleTrades, inSampleProfitFactor })),
    }))
    .sort((a, b) => compareText(a.symbol, b.symbol) || compareText(a.timeframe, b.timeframe) || compareText(a.direction, b.direction));
}
