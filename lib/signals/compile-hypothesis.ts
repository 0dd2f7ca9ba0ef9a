import type { Timeframe } from "@/lib/market/timeframe";
import { compileRule, type CompiledRule, type SignalContext } from "./compile-rule";
import { exitLevels, parseStop, parseTarget, type ExitLevels, type StopSpec, type TargetSpec } from "./exit-spec";
import type { Hypothesis } from "./hypothesis";
import { findIndicator } from "./indicator-registry";

/** What the backtest engine runs: entry signals plus exit levels for a fill at a given bar. */
export interface CompiledHypothesis {
  readonly hypothesis: Hypothesis;
  readonly entry: CompiledRule;
  readonly stop: StopSpec;
  readonly target: TargetSpec;
  /** Other timeframes the entry rules read (ctx.higher must hold those that differ from the hypothesis's). */
  readonly timeframes: readonly Timeframe[];
  readonly needsFunding: boolean;
  /** 1 at bar t of ctx.base when every entry condition holds using data up to bar t's close. */
  signals(ctx: SignalContext): Uint8Array;
  /**
   * Stop/target prices for a position entered at `entryPrice` on the signal at bar t (ATR read at bar t).
   * Distances are NaN while the ATR is in warm-up; the engine should not enter then.
   */
  exitsAt(ctx: SignalContext, t: number, entryPrice: number): ExitLevels;
}

/** ATR(period) of ctx.base at bar t, through the shared cache. */
export function signalBarAtr(ctx: SignalContext, t: number): (period: number) => number {
  const atr = findIndicator("ATR");
  return (period) => (atr ? (ctx.cache.indicator(ctx.base, atr, [period]).value?.[t] ?? Number.NaN) : Number.NaN);
}

/** Compiles a validated hypothesis; throws RuleSyntaxError if a rule does not parse. */
export function compileHypothesis(hypothesis: Hypothesis): CompiledHypothesis {
  const entry = compileRule(hypothesis.entryConditions);
  const stop = parseStop(hypothesis.stopLoss);
  const target = parseTarget(hypothesis.target);
  return {
    hypothesis,
    entry,
    stop,
    target,
    timeframes: entry.timeframes,
    needsFunding: entry.needsFunding,
    signals: (ctx) => entry.evaluate(ctx),
    exitsAt: (ctx, t, entryPrice) => exitLevels(hypothesis.direction, stop, target, { entryPrice, atr: signalBarAtr(ctx, t) }),
  };
}
