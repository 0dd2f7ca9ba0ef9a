import type { TradingTimeframe } from "@/lib/market/timeframe";
import type { EdgeThresholds, VerdictMetrics } from "./edge-verdict";

export interface CompositeInput extends VerdictMetrics {
  /** Deflated Sharpe probability in [0, 1]; null when it could not be computed. */
  readonly deflatedSharpe: number | null;
}

export interface CompositeScore {
  /** confidence × Σ weight × margin; in [−2, 2], higher is better. */
  readonly score: number;
  /** n / (n + minTrades): 0.5 at the minimum trade count, → 1 with many trades. */
  readonly confidence: number;
  /** Each margin, clamped to [−2, 2]; 0 means exactly at the threshold. */
  readonly margins: { readonly winRate: number; readonly profitFactor: number; readonly sharpe: number; readonly deflatedSharpe: number };
}

/** Weights of the margins; they sum to 1. The deflated Sharpe weighs most: it is the only one that prices in selection. */
export const COMPOSITE_WEIGHTS = { winRate: 0.25, profitFactor: 0.25, sharpe: 0.2, deflatedSharpe: 0.3 } as const;

/** Margin units: how far above the bar counts as "+1". */
const WIN_RATE_UNIT = 0.1;
const SHARPE_UNIT = 1;
const DSR_UNIT = 0.25;
const LIMIT = 2;
/** An unbounded profit factor counts as twice the requirement (margin +1): good, not best — it usually means few trades. */
const UNBOUNDED_PF_MARGIN = 1;

const clamp = (x: number) => Math.max(-LIMIT, Math.min(LIMIT, x));

/**
 * Ranking score of one hypothesis × instrument, deterministic and documented:
 *   winRate margin       = (winRate − required) / 0.10            (10 points above the bar = +1)
 *   profitFactor margin  = log₂(PF / required)                    (twice the bar = +1; unbounded = +1; PF 0 = −2)
 *   sharpe margin        = (Sharpe − required) / 1                (annualised units)
 *   deflatedSharpe margin = (DSR − 0.5) / 0.25                    (DSR 0.75 = +1, 0.95 = +1.8)
 * each clamped to [−2, 2], undefined values at −2; then
 *   score = n / (n + minTrades) × (0.25·winRate + 0.25·profitFactor + 0.2·sharpe + 0.3·deflatedSharpe).
 * The confidence factor shrinks scores of small samples towards 0, so a handful of lucky trades cannot out-rank a
 * steady edge measured on hundreds.
 */
export function compositeScore(input: CompositeInput, timeframe: TradingTimeframe, thresholds: EdgeThresholds): CompositeScore {
  const pfRequired = thresholds.profitFactor[timeframe];
  const margins = {
    winRate: input.winRate === null ? -LIMIT : clamp((input.winRate - thresholds.winRate) / WIN_RATE_UNIT),
    profitFactor: input.profitFactorUnbounded
      ? UNBOUNDED_PF_MARGIN
      : input.profitFactor === null || input.profitFactor <= 0
        ? -LIMIT
        : clamp(Math.log2(input.profitFactor / pfRequired)),
    sharpe: input.sharpe === null ? -LIMIT : clamp((input.sharpe - thresholds.sharpe) / SHARPE_UNIT),
    deflatedSharpe: input.deflatedSharpe === null ? -LIMIT : clamp((input.deflatedSharpe - 0.5) / DSR_UNIT),
  };
  const raw =
    COMPOSITE_WEIGHTS.winRate * margins.winRate +
    COMPOSITE_WEIGHTS.profitFactor * margins.profitFactor +
    COMPOSITE_WEIGHTS.sharpe * margins.sharpe +
    COMPOSITE_WEIGHTS.deflatedSharpe * margins.deflatedSharpe;
  const confidence = input.trades / (input.trades + thresholds.minTrades);
  return { score: confidence === 0 ? 0 : confidence * raw, confidence, margins }; // no -0 for an empty run
}
