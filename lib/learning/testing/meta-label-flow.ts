import { classifyRegimes } from "@/lib/backtest/regime";
import { runBacktest } from "@/lib/backtest/run-backtest";
import type { BacktestInput, RunResult } from "@/lib/backtest/types";
import { configSchema } from "@/lib/config-schema";
import type { CandleSeries } from "@/lib/market/series";
import { resampleUnchecked } from "@/lib/market/testing/resample-unchecked";
import { findIndicator } from "@/lib/signals/indicator-registry";
import { type MetaLabelResult, type MetaLabelSkipped, metaLabelWalkForward } from "../meta-label";
import { type ExtraFeature, type FeatureMatrix, signalFeatures } from "../signal-features";

export interface MetaLabelFlow {
  readonly input: BacktestInput;
  readonly plain: RunResult;
  readonly features: FeatureMatrix;
  readonly result: MetaLabelResult | MetaLabelSkipped;
  /** The re-run with the gate ANDed into the entries (absent when skipped). */
  readonly variant?: RunResult;
}

const config = configSchema.parse({});

/**
 * What the learning phase does for one run, in memory: the plain backtest (1 % stop, 2R target, 1 h hold unless
 * `setup.leg` says otherwise), its signal-bar features (30m trend, regimes, its own closed trades, `setup.extra`),
 * walk-forward meta-labelling, and the variant re-run on entrySignal AND gate.
 */
export function metaLabelFlow(
  series: CandleSeries,
  entrySignal: Uint8Array,
  setup: { leg?: Partial<BacktestInput>; options?: Parameters<typeof metaLabelWalkForward>[0]["options"]; extra?: readonly ExtraFeature[] } = {},
): MetaLabelFlow {
  const atr = findIndicator("ATR")?.compute(series, [14]).value ?? new Float64Array(series.length);
  const regimes = classifyRegimes(series, config.regime);
  const input: BacktestInput = {
    series,
    entrySignal,
    direction: "long",
    atr,
    exits: { stop: { kind: "bps", bps: 100 }, target: { kind: "r", multiple: 2 } },
    maxHoldMinutes: 60,
    slippagePips: 0,
    regimes,
    fees: config.fees,
    sizing: { mode: "risk", riskFraction: 0.01, leverage: 10 },
    startingEquity: 10_000,
    ...setup.leg,
  };
  const plain = runBacktest(input);
  const features = signalFeatures({ series, higher: resampleUnchecked(series, "30m"), regimes, closedTrades: plain.trades, extra: setup.extra });
  const result = metaLabelWalkForward({ leg: input, trades: plain.trades, features, options: setup.options });
  if (result.kind === "skipped") return { input, plain, features, result };
  const gated = entrySignal.map((s, i) => s & (result.gate[i] ?? 0));
  return { input, plain, features, result, variant: runBacktest({ ...input, entrySignal: gated }) };
}
