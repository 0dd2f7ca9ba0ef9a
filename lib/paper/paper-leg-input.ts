import type { LegInput } from "../backtest/types";
import { buildLeg } from "../hypothesis-runs/build-leg";
import type { MarketBundle } from "../hypothesis-runs/market-bundle";
import type { ResearchCache } from "../hypothesis-runs/research-cache";
import { isGated, learnedLeg } from "../learning/learned-leg";
import { PaperError } from "./errors";
import type { PaperLegConfig } from "./types";

/**
 * A leg's engine input on the data known now: buildLeg's for a plain hypothesis, and for a learned variant the same
 * leg the learning phase backtested (its members' vote, or its entries gated by the model version valid at each bar;
 * only bars from `decideFrom` on are gated, for a tick that reads its newest bar alone).
 */
export function paperLegInput(config: PaperLegConfig, bundle: MarketBundle, cache: ResearchCache, decideFrom = 0): LegInput {
  const h = config.hypothesis;
  return h.learned ? learnedLeg(h, bundle, cache, config.learned, decideFrom) : buildLeg(h, bundle, cache);
}

/** Refuses a gated variant's leg that holds no models when the account is built, not at its first bar. */
export function checkLearnedLeg(config: PaperLegConfig): void {
  if (isGated(config.hypothesis) && !config.learned?.versions.length) throw new PaperError("INVALID_CONFIG", `leg ${config.id}: ${config.hypothesis.name} is gated by trained models, and the account holds none for it`);
}
