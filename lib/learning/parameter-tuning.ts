import { type BacktestOverfitting, DEFAULT_CSCV_BLOCKS, probabilityOfBacktestOverfitting } from "@/lib/analysis/backtest-overfitting";
import { periodDailyReturns } from "@/lib/analysis/period-daily-returns";
import { realisedEquity } from "@/lib/analysis/realised-equity";
import { tradesEnteredIn } from "@/lib/analysis/split-trades";
import type { Period, RunSample } from "@/lib/analysis/types";
import { sharpeRatio } from "@/lib/backtest/metrics/risk-adjusted";
import type { Trade } from "@/lib/backtest/types";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { LearningError } from "./errors";
import { stitchTrades, type StitchSegment } from "./tuning-stitch";
import { DEFAULT_MIN_WINDOW_DAYS, DEFAULT_TUNING_WINDOWS, tuningWindows } from "./tuning-windows";

/**
 * Walk-forward parameter tuning: a family's members (one template over config.indicatorRanges) backtested on one
 * instrument; on each window the member with the best in-sample figure is chosen and traded on the next window only,
 * then the choice rolls. The stitched account is the tuned variant, a trial like any other; the in-sample →
 * out-of-sample degradation and the family's probability of backtest overfitting say how much the choosing is worth.
 */

/** One family member's run on one instrument, as the batch stored it. */
export interface TuningMember {
  readonly hypothesis: Hypothesis;
  readonly trades: readonly Trade[];
  /** The run's equity marks (possibly thinned), times ascending. */
  readonly equity: { readonly time: readonly number[]; readonly equity: readonly number[] };
  readonly fromTime: number;
  readonly toTime: number;
  readonly startingEquity: number;
}

/** What a window's choice ranks by: the Sharpe of its daily returns, or its return on the equity it started with. */
export type TuningMetric = "sharpe" | "netReturn";

export interface TuningOptions {
  /** Windows the common period is cut into; default 6, fewer when they would be shorter than `minWindowDays`. */
  readonly windows?: number;
  /** Whole days a window needs at least; default 7. */
  readonly minWindowDays?: number;
  /** Trades a member must enter in a window to be chosen on it; default 5. */
  readonly minTrades?: number;
  /** Default "sharpe". */
  readonly metric?: TuningMetric;
  /** CSCV blocks of the family's PBO; default 16. */
  readonly cscvBlocks?: number;
}

export const DEFAULT_TUNING_MIN_TRADES = 5;

/** A member's figures on one window, from what was known by the window's end. */
export interface WindowFigures {
  /** Annualised Sharpe of the window's daily returns; null below two days or with no variation. */
  readonly sharpe: number | null;
  /** Equity at the window's end over equity at its start, less one (marks, so a trade still open counts as marked). */
  readonly netReturn: number;
  /** Trades entered in the window. */
  readonly trades: number;
}

/** A choice made at the end of the window [from, to). */
export interface TuningChoice extends Period {
  /** Null when no member entered `minTrades` trades with a defined figure: the account stays flat next window. */
  readonly chosenId: string | null;
  readonly chosenName: string | null;
  /** The chosen member's figures on the window it was chosen on. */
  readonly inSample: WindowFigures | null;
}

/** A choice and the window it traded, [to, tradeTo). */
export interface TuningWindow extends TuningChoice {
  readonly tradeTo: number;
  /** The chosen member's own figures on the window traded (its run, not the rescaled account, so they compare). */
  readonly outOfSample: WindowFigures | null;
}

export interface TuningDegradation {
  /** Means over the windows with a choice of the chosen member's Sharpe where chosen and on the next window (null as 0). */
  readonly inSampleMean: number;
  readonly outOfSampleMean: number;
  /** Out-of-sample mean over in-sample mean; null unless the in-sample mean is above 0. */
  readonly ratio: number | null;
}

export interface TuningResult {
  readonly windows: readonly TuningWindow[];
  /** The tuned account's trades, sized on its own equity, in entry order. */
  readonly trades: Trade[];
  /** Its realised equity at each exit, from the starting equity (the run equity format). */
  readonly equity: { time: number[]; equity: number[] };
  /** Start of the second window: the tuned account trades only out of sample. */
  readonly fromTime: number;
  readonly toTime: number;
  readonly startingEquity: number;
  readonly degradation: TuningDegradation;
  /** CSCV over the members' daily returns on their common days; null when too few days. */
  readonly pbo: BacktestOverfitting | null;
  /** The choice on the last window: what a paper account would trade next. */
  readonly currentChoice: TuningChoice;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const sampleOf = (m: TuningMember): RunSample => ({ from: m.fromTime, to: m.toTime, trades: m.trades, startingEquity: m.startingEquity, equity: m.equity });

/** The last mark at or before `time`; the starting equity before the first. */
function equityAt(m: TuningMember, time: number): number {
  let lo = 0;
  let hi = m.equity.time.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((m.equity.time[mid] as number) <= time) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? m.startingEquity : (m.equity.equity[lo - 1] as number);
}

/**
 * Only marks up to the window's end and the entries inside it: the PnL of a trade entered in the window and closed
 * after it is not known when the choice is made, so it is not summed.
 */
function windowFigures(m: TuningMember, window: Period): WindowFigures {
  const start = equityAt(m, window.from);
  return {
    sharpe: sharpeRatio(periodDailyReturns(sampleOf(m), window)),
    netReturn: start > 0 ? equityAt(m, window.to) / start - 1 : 0,
    trades: tradesEnteredIn(m.trades, window).length,
  };
}

function choose(members: readonly TuningMember[], window: Period, minTrades: number, metric: TuningMetric): TuningChoice {
  let best: { member: TuningMember; figures: WindowFigures; score: number } | null = null;
  for (const member of members) {
    const figures = windowFigures(member, window);
    const score = metric === "sharpe" ? figures.sharpe : figures.netReturn;
    if (score === null || figures.trades < minTrades) continue;
    const better = best === null || score > best.score || (score === best.score && compareText(member.hypothesis.id, best.member.hypothesis.id) < 0);
    if (better) best = { member, figures, score };
  }
  return { ...window, chosenId: best?.member.hypothesis.id ?? null, chosenName: best?.member.hypothesis.name ?? null, inSample: best?.figures ?? null };
}

function commonPeriod(members: readonly TuningMember[]): Period | null {
  const from = Math.max(...members.map((m) => m.fromTime));
  const to = Math.min(...members.map((m) => m.toTime));
  return to > from ? { from, to } : null;
}

/** CSCV over the runs' daily returns on the days all of them cover; null with fewer than two runs or too few days. */
function membersOverfitting(members: readonly TuningMember[], blocks: number): BacktestOverfitting | null {
  const common = members.length < 2 ? null : commonPeriod(members);
  if (!common) return null;
  return probabilityOfBacktestOverfitting(members.map((m) => periodDailyReturns(sampleOf(m), common)), blocks);
}

const mean = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

function validate(members: readonly TuningMember[], options: TuningOptions): void {
  const ids = new Set<string>();
  for (const m of members) {
    if (ids.has(m.hypothesis.id)) throw new LearningError("INVALID_FAMILY", `members: hypothesis ${m.hypothesis.id} appears twice`);
    ids.add(m.hypothesis.id);
    if (m.startingEquity !== members[0]?.startingEquity) {
      throw new LearningError("INVALID_FAMILY", `members: ${m.hypothesis.id} starts with ${m.startingEquity}, not ${members[0]?.startingEquity} like the first: one batch, one starting equity`);
    }
  }
  const minTrades = options.minTrades ?? DEFAULT_TUNING_MIN_TRADES;
  if (!Number.isInteger(minTrades) || minTrades < 1) throw new LearningError("INVALID_OPTION", `minTrades must be a positive integer, got ${minTrades}`);
}

/**
 * Walk-forward tuning of one family on one instrument. The common period is cut into windows; the member best on
 * window k (ties by id; at least `minTrades` entries) trades window k+1 with the trades it entered there, rescaled to
 * the tuned account's equity (tuning-stitch). Null with fewer than two members, fewer than two windows, or no window
 * on which any member could be chosen: there is no tuned variant to count as a trial.
 */
export function walkForwardTuning(members: readonly TuningMember[], options: TuningOptions = {}): TuningResult | null {
  validate(members, options);
  const common = members.length < 2 ? null : commonPeriod(members);
  if (!common) return null;
  const windows = tuningWindows(common, options.windows ?? DEFAULT_TUNING_WINDOWS, options.minWindowDays ?? DEFAULT_MIN_WINDOW_DAYS);
  const minTrades = options.minTrades ?? DEFAULT_TUNING_MIN_TRADES;
  const metric = options.metric ?? "sharpe";
  const choices = windows.map((w) => choose(members, w, minTrades, metric));
  const byId = new Map(members.map((m) => [m.hypothesis.id, m]));
  const traded: TuningWindow[] = [];
  const segments: StitchSegment[] = [];
  for (let k = 0; k + 1 < choices.length; k++) {
    const choice = choices[k] as TuningChoice;
    const next = windows[k + 1] as Period;
    const member = choice.chosenId === null ? undefined : byId.get(choice.chosenId);
    traded.push({ ...choice, tradeTo: next.to, outOfSample: member ? windowFigures(member, next) : null });
    if (member) segments.push({ ...next, trades: member.trades, startingEquity: member.startingEquity });
  }
  const chosen = traded.filter((w) => w.inSample !== null);
  const current = choices[choices.length - 1];
  if (chosen.length === 0 || !current) return null;
  const startingEquity = members[0]?.startingEquity as number;
  const trades = stitchTrades(segments, startingEquity);
  const curve = realisedEquity(trades, startingEquity);
  const inSampleMean = mean(chosen.map((w) => w.inSample?.sharpe ?? 0));
  const outOfSampleMean = mean(chosen.map((w) => w.outOfSample?.sharpe ?? 0));
  return {
    windows: traded,
    trades,
    equity: { time: [...curve.time], equity: [...curve.equity] },
    fromTime: (windows[1] as Period).from,
    toTime: common.to,
    startingEquity,
    degradation: { inSampleMean, outOfSampleMean, ratio: inSampleMean > 0 ? outOfSampleMean / inSampleMean : null },
    pbo: membersOverfitting(members, options.cscvBlocks ?? DEFAULT_CSCV_BLOCKS),
    currentChoice: current,
  };
}

/**
 * The probability of backtest overfitting of the whole tuning search: every member of every family (each family one
 * template on one instrument) as one trial, on the days all of them cover. Null with fewer than two members or too
 * few common days.
 */
export function searchOverfitting(families: readonly (readonly TuningMember[])[], blocks: number = DEFAULT_CSCV_BLOCKS): BacktestOverfitting | null {
  return membersOverfitting(families.flat(), blocks);
}
