import type { RegimeSettings } from "../backtest/regime";
import { REGIME } from "../backtest/regime-codes";
import type { LegInput } from "../backtest/types";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { type LegRuntime, refreshContext, symbolBundle } from "./leg-runtime";
import { paperLegInput } from "./paper-leg-input";

function setBar(leg: LegRuntime, i: number, signal: number, atr: number, regime: number): void {
  leg.signal.set(i, signal);
  leg.atr.set(i, atr);
  leg.regimes.set(i, regime);
}

function setBuilt(leg: LegRuntime, i: number, built: LegInput): void {
  setBar(leg, i, built.entrySignal[i] ?? 0, built.atr[i] ?? NaN, built.regimes?.[i] ?? REGIME.unknown);
}

/**
 * The leg built once on the replay data while the symbol's feed has matched it; null otherwise, for good once the
 * feed diverged.
 */
function storedLeg(leg: LegRuntime, now: number): LegInput | null {
  const sym = leg.symbol;
  const stored = sym.stored;
  if (!stored || !stored.matches(sym.series, sym.funding, now)) {
    sym.stored = null;
    return null;
  }
  return stored.leg(leg.config);
}

/**
 * Signal, ATR and regime of each due leg's new bar: from the replay data while the feed matches it, else from the
 * leg's saved indicator state advanced over the bars appended since (whatever their number, so warm-up, restore and
 * gaps need no special case), or, for a rule without a per-bar form, from buildLeg on the bars known now (one cache
 * per symbol, so legs sharing an indicator compute it once). A rule reading a timeframe with no closed bar yet cannot
 * hold (the backtest's closed-bar projection gives 0 there too).
 */
export function computeColumns(due: readonly LegRuntime[], regime: RegimeSettings, now: number): void {
  const perSymbol = new Map<string, { bundle: MarketBundle; cache: ResearchCache }>();
  for (const leg of due) {
    const i = leg.series.length - 1;
    const stored = storedLeg(leg, now);
    if (stored) {
      setBuilt(leg, i, stored);
      continue;
    }
    if (leg.higher.some((b) => b.length === 0)) {
      setBar(leg, i, 0, NaN, REGIME.unknown);
      continue;
    }
    if (leg.live) {
      const live = leg.live.at(i);
      setBar(leg, i, live.signal, live.atr, live.regime);
      continue;
    }
    let shared = perSymbol.get(leg.config.symbol);
    if (!shared) {
      shared = { bundle: symbolBundle(leg.symbol), cache: new ResearchCache(regime) };
      perSymbol.set(leg.config.symbol, shared);
    }
    setBuilt(leg, i, paperLegInput(leg.config, shared.bundle, shared.cache, i));
  }
}

/**
 * Columns for every loaded bar at once (warm-up, restore), the full-history values being equal to the incremental
 * ones, and every leg's context pointed at them.
 */
export function loadColumns(legs: readonly LegRuntime[], regime: RegimeSettings): void {
  const perSymbol = new Map<string, ResearchCache>();
  for (const leg of legs) {
    const n = leg.series.length;
    if (n === 0) continue;
    let cache = perSymbol.get(leg.config.symbol);
    if (!cache) {
      cache = new ResearchCache(regime);
      perSymbol.set(leg.config.symbol, cache);
    }
    if (leg.higher.some((b) => b.length === 0)) {
      for (let i = 0; i < n; i++) setBar(leg, i, 0, NaN, REGIME.unknown);
      continue;
    }
    const built = paperLegInput(leg.config, symbolBundle(leg.symbol), cache);
    for (let i = 0; i < n; i++) setBuilt(leg, i, built);
  }
  for (const leg of legs) refreshContext(leg);
}
