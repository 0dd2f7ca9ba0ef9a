import type { RegimeSettings } from "../backtest/regime";
import { timeframeMs, type Timeframe } from "../market/timeframe";
import { legAtrPeriod } from "../hypothesis-runs/engine-exits";
import { compileHypothesis } from "../signals/compile-hypothesis";
import type { Hypothesis } from "../signals/hypothesis";
import { parseCondition } from "../signals/rule-parser";
import type { CandleBuffer } from "./buffers";
import { liveCondition, type LiveCondition } from "./live-rule";
import type { LiveSeries, LiveStream } from "./live-series";

/** The columns of a leg's newest bar, as buildLeg on the bars known so far would give them. */
export interface LiveColumns {
  signal: number;
  atr: number;
  regime: number;
}

interface LiveRule {
  readonly condition: LiveCondition;
  /** The series the condition is evaluated on: the leg's own, or a higher timeframe read at its last closed bar. */
  readonly series: CandleBuffer;
}

/**
 * One leg's signal, ATR and regime at bar i, from per-series state advanced over the new bars only (O(1) a bar for
 * the recursive indicators, O(period) for the windowed ones) instead of buildLeg over the whole history. Null when a
 * rule reads something without a per-bar form (Funding, ROC): that leg stays on buildLeg.
 */
export class LiveLeg {
  private constructor(
    private readonly base: CandleBuffer,
    private readonly rules: readonly LiveRule[],
    private readonly atr: LiveStream,
    private readonly regimes: LiveStream,
  ) {}

  static of(hypothesis: Hypothesis, base: CandleBuffer, seriesOf: (tf: Timeframe) => { buffer: CandleBuffer; live: LiveSeries }, regime: RegimeSettings): LiveLeg | null {
    const compiled = compileHypothesis(hypothesis);
    const own = seriesOf(hypothesis.timeframe);
    const rules: LiveRule[] = [];
    for (const source of hypothesis.entryConditions) {
      const parsed = parseCondition(source);
      const on = seriesOf(parsed.timeframe ?? hypothesis.timeframe);
      const condition = liveCondition(parsed, on.live);
      if (!condition) return null;
      rules.push({ condition, series: on.buffer });
    }
    const atr = own.live.indicator("ATR", [legAtrPeriod(compiled.stop, compiled.target)]);
    if (!atr) throw new Error("the live indicators have no ATR");
    return new LiveLeg(base, rules, atr, own.live.regimes(regime));
  }

  /** Columns at bar i, the base series' last bar. */
  at(i: number): LiveColumns {
    const series = this.base.view();
    const closeTime = (series.time[i] ?? Number.NaN) + timeframeMs(series.timeframe);
    let signal = 1;
    for (const rule of this.rules) {
      const other = rule.series.view();
      rule.condition.sync(other);
      // closedBarIndex: the last bar of the rule's series closed by bar i's close.
      const msOther = timeframeMs(other.timeframe);
      let j = other.length - 1;
      while (j >= 0 && (other.time[j] ?? Number.POSITIVE_INFINITY) + msOther > closeTime) j--;
      signal &= j >= 0 ? rule.condition.at(j) : 0;
    }
    this.atr.sync(series);
    this.regimes.sync(series);
    return { signal, atr: this.atr.output("value").view()[i] ?? Number.NaN, regime: this.regimes.output("regime").view()[i] ?? Number.NaN };
  }
}
