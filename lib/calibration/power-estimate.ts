import { expectedMaxSharpe } from "@/lib/analysis/deflated-sharpe";
import { normalCdf, normalQuantile } from "@/lib/analysis/normal-distribution";
import { DEFAULT_IN_SAMPLE_FRACTION } from "@/lib/analysis/split-trades";
import type { AppConfig } from "@/lib/config-schema";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { MatchingTrial } from "./judge-market";

const DAYS_PER_MONTH = 365.25 / 12;
export const MAX_ESTIMATE_MONTHS = 240;
/** Profit factors without a losing trade count as this, so an average over seeds stays finite. */
const PROFIT_FACTOR_CAP = 100;

export interface PowerEstimate {
  /** The model's power at the measured length, to set beside the measured power. */
  readonly atMeasuredLength: number;
  /** The shortest whole number of months at which the model reaches 80% power; null if none up to MAX_ESTIMATE_MONTHS. */
  readonly monthsFor80: number | null;
  /** Why more data does not get there, when it does not (for the instrument that comes closest); empty when it does. */
  readonly limits: readonly string[];
}

interface Check {
  readonly label: string;
  readonly mean: number;
  /** Spread across seeds of the whole-run value at the measured length. */
  readonly sd: number;
  readonly bar: number;
  readonly show: (v: number) => string;
}

function meanOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function meanOr(values: readonly number[], fallback: number): number {
  return values.length > 0 ? meanOf(values) : fallback;
}

function sdOf(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = meanOf(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
}

function check(label: string, values: readonly number[], bar: number, show: (v: number) => string): Check | null {
  return values.length === 0 ? null : { label, mean: meanOf(values), sd: sdOf(values), bar, show };
}

/** P(the check passes) on a segment whose noise is the measured spread times `scale` (normal approximation). */
function checkPower(c: Check, scale: number): number {
  return c.sd > 0 ? normalCdf((c.mean - c.bar) / (c.sd * scale)) : c.mean >= c.bar ? 1 : 0;
}

/** One instrument's matching trials over the seeds, as a function of data length. */
function instrumentModel(trials: readonly MatchingTrial[], config: AppConfig, timeframe: TradingTimeframe, months: number, trialCount: number) {
  const t = config.edgeThresholds;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const finite = (pick: (m: MatchingTrial) => number | null) => trials.map(pick).filter((v): v is number => v !== null && Number.isFinite(v));
  const checks = [
    check("win rate", finite((m) => m.winRate), t.winRate, pct),
    check("profit factor", finite((m) => (m.profitFactor === null ? null : Math.log(Math.min(m.profitFactor, PROFIT_FACTOR_CAP)))), Math.log(t.profitFactor[timeframe]), (v) => Math.exp(v).toFixed(2)),
    check("Sharpe", finite((m) => m.sharpe), t.sharpe, (v) => v.toFixed(2)),
  ].filter((c): c is Check => c !== null);
  const tradesPerMonth = meanOf(trials.map((m) => m.trades)) / months;
  const sharpe = meanOr(finite((m) => m.dailySharpe), Number.NaN);
  const measuredDays = meanOf(trials.map((m) => m.days));
  // Without a shape, a normal one (skewness 0, kurtosis 3).
  const skew = meanOr(finite((m) => m.skewness), 0);
  const kurt = meanOr(finite((m) => m.kurtosis), 3);
  // The trials' Sharpe spread is luck (about 1/T per day of data) plus real differences between them (costs, mostly),
  // and only the luck shrinks with more data: the benchmark falls toward the real spread's expected maximum.
  const realSpread = Math.max(0, meanOf(trials.map((m) => m.sharpeVariance)) - 1 / measuredDays);
  const benchmarkFloor = expectedMaxSharpe(trialCount, realSpread);
  const gate = normalQuantile(t.minDeflatedSharpe);

  const deflatedPower = (days: number): number => {
    const benchmark = expectedMaxSharpe(trialCount, realSpread + 1 / days);
    const shape = 1 - skew * sharpe + ((kurt - 1) / 4) * sharpe * sharpe;
    return normalCdf(((sharpe - benchmark) * Math.sqrt(days - 1)) / Math.sqrt(shape > 0 ? shape : 1) - gate);
  };
  const power = (length: number): number => {
    if (!Number.isFinite(sharpe)) return 0;
    let p = deflatedPower(length * DAYS_PER_MONTH);
    for (const share of [DEFAULT_IN_SAMPLE_FRACTION, 1 - DEFAULT_IN_SAMPLE_FRACTION]) {
      if (tradesPerMonth * length * share < t.minTrades) return 0;
      for (const c of checks) p *= checkPower(c, Math.sqrt(months / (share * length)));
    }
    return p;
  };
  const limits = [
    ...(!Number.isFinite(sharpe) ? ["no trades"] : sharpe <= benchmarkFloor ? [`daily Sharpe ${sharpe.toFixed(2)} ≤ ${benchmarkFloor.toFixed(2)}, the deflated Sharpe's floor`] : []),
    ...checks.filter((c) => c.mean < c.bar).map((c) => `${c.label} ${c.show(c.mean)} < ${c.show(c.bar)}`),
  ];
  return { power, limits };
}

/**
 * An estimate, not a measurement: the data length at which the matching hypothesis would pass on at least one
 * instrument 80% of the time. Each instrument's checks are normal approximations centred on the seeds' average,
 * their spread shrinking with √length (each half of the split judged on its share); trade counts grow in
 * proportion; the deflated Sharpe is recomputed with the benchmark's luck part shrinking. The walk-forward gate is
 * taken as passed. Checks and instruments are taken as independent, which they are not quite.
 */
export function estimatePower(trials: readonly MatchingTrial[], config: AppConfig, timeframe: TradingTimeframe, months: number, trialCount: number): PowerEstimate {
  const bySymbol = new Map<string, MatchingTrial[]>();
  for (const m of trials) bySymbol.set(m.symbol, [...(bySymbol.get(m.symbol) ?? []), m]);
  const models = [...bySymbol.values()].map((list) => instrumentModel(list, config, timeframe, months, trialCount));
  const anyPasses = (length: number) => 1 - models.reduce((miss, m) => miss * (1 - m.power(length)), 1);
  let monthsFor80: number | null = null;
  for (let length = 1; length <= MAX_ESTIMATE_MONTHS && monthsFor80 === null; length++) if (anyPasses(length) >= 0.8) monthsFor80 = length;
  const closest = [...models].sort((a, b) => b.power(MAX_ESTIMATE_MONTHS) - a.power(MAX_ESTIMATE_MONTHS))[0];
  const limits = monthsFor80 !== null ? [] : closest && closest.limits.length > 0 ? closest.limits : [`beyond ${MAX_ESTIMATE_MONTHS} months`];
  return { atMeasuredLength: anyPasses(months), monthsFor80, limits };
}
