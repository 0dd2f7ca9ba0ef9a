import { bollingerSqueeze } from "./bollinger-squeeze";
import { emaTrend } from "./ema-trend";
import { fundingExtreme } from "./funding-extreme";
import { macdMomentum } from "./macd-momentum";
import { majorLevelReversal } from "./major-level-reversal";
import { momentumSpikeReversal } from "./momentum-spike-reversal";
import { mtfConfluence } from "./mtf-confluence";
import { obvMomentumBurst } from "./obv-momentum-burst";
import { rsiReversal } from "./rsi-reversal";
import type { TemplateFamily } from "./template";
import { trendPullback } from "./trend-pullback";
import { volumeBreakout } from "./volume-breakout";

export type { HypothesisDraft, TemplateFamily } from "./template";

/** Every template family discovery expands, in output order. */
export const TEMPLATE_FAMILIES: readonly TemplateFamily[] = [
  momentumSpikeReversal,
  obvMomentumBurst,
  rsiReversal,
  trendPullback,
  bollingerSqueeze,
  volumeBreakout,
  macdMomentum,
  majorLevelReversal,
  fundingExtreme,
  mtfConfluence,
  emaTrend,
];
