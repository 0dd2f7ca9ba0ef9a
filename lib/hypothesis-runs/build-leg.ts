import type { LegInput } from "@/lib/backtest/types";
import type { SignalContext } from "@/lib/signals/compile-rule";
import { compileHypothesis } from "@/lib/signals/compile-hypothesis";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { findIndicator } from "@/lib/signals/indicator-registry";
import { legAtrPeriod, toEngineExits } from "./engine-exits";
import { requireSeries, type MarketBundle } from "./market-bundle";
import type { ResearchCache } from "./research-cache";

/**
 * One hypothesis on one instrument as the engine's input: entry signals from the rule language (look-ahead-free),
 * the ATR column its exits read, regimes, funding, and 1m candles for bars that hit both stop and target. `base` is
 * the hypothesis's own timeframe unless given (the benchmark runs a rule on 1m bars, as other engines are timed).
 */
export function buildLeg(hypothesis: Hypothesis, bundle: MarketBundle, cache: ResearchCache, base = requireSeries(bundle, hypothesis.timeframe)): LegInput {
  const compiled = compileHypothesis(hypothesis);
  const higher: SignalContext["higher"] = {};
  for (const tf of compiled.timeframes) if (tf !== hypothesis.timeframe) higher[tf] = requireSeries(bundle, tf);
  const ctx: SignalContext = { base, higher, funding: bundle.funding, cache: cache.indicators };
  const atrDef = findIndicator("ATR");
  if (!atrDef) throw new Error("the indicator registry has no ATR");
  const period = legAtrPeriod(compiled.stop, compiled.target);
  const atr = cache.indicators.indicator(base, atrDef, [period]).value;
  if (!atr) throw new Error("ATR produced no value column");
  return {
    series: base,
    entrySignal: compiled.signals(ctx),
    direction: hypothesis.direction,
    atr,
    exits: toEngineExits(compiled.stop, compiled.target),
    maxHoldMinutes: hypothesis.maxHoldMinutes,
    slippagePips: hypothesis.slippagePips,
    funding: bundle.funding,
    minute: bundle.series["1m"],
    regimes: cache.regimesOf(base),
  };
}
