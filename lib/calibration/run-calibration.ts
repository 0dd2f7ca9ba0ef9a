import type { AppConfig } from "@/lib/config-schema";
import type { TradingTimeframe } from "@/lib/market/timeframe";
import { generateSyntheticMarket } from "@/lib/market/synthetic-market";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { CALIBRATION_EFFECTS, type CalibrationTarget } from "./calibration-effects";
import type { CalibrationOptions } from "./calibration-options";
import { judgeMarket, type BacktestRunner, type MarketJudgement } from "./judge-market";
import { storedSyntheticBundles } from "./stored-synthetic-bundles";

/** One market of a calibration: a seed, and the planted effect's size (0: no effect, the null market). */
export interface CalibrationRun extends MarketJudgement {
  readonly seed: number;
  readonly size: number;
  /** Planted events per instrument (none on the null market). */
  readonly events: number;
}

export interface CalibrationResult {
  readonly options: CalibrationOptions;
  readonly matching: string;
  readonly matchingTimeframe: TradingTimeframe;
  readonly hypotheses: number;
  readonly symbols: readonly string[];
  readonly runs: readonly CalibrationRun[];
}

export class CalibrationError extends Error {
  readonly code = "CALIBRATION_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "CalibrationError";
  }
}

function monthsBefore(endMs: number, months: number): number {
  const d = new Date(endMs);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
}

/**
 * A known-answer test of the research pipeline: for each seed, the synthetic market without an effect and with the
 * effect planted at each size, each judged by the pipeline's own decision over the catalog it would test (the
 * configured timeframes' hypotheses on every instrument). The matching hypothesis must be among them, so the
 * multiple-testing count is the pipeline's. `io.target` plants a test's own effect instead of the options' preset.
 */
export async function runCalibration(
  config: AppConfig,
  options: CalibrationOptions,
  backtest: BacktestRunner,
  io: { target?: CalibrationTarget; progress?: (done: number, total: number, step: string) => void } = {},
): Promise<CalibrationResult> {
  const preset = CALIBRATION_EFFECTS[options.effect];
  const target = io.target ?? preset.at(options.level ?? preset.defaultLevel);
  const hypotheses = discoverHypotheses(config);
  const matching = hypotheses.find((h) => h.name === target.matching);
  if (!matching) {
    throw new CalibrationError(`The matching hypothesis ${target.matching} is not among the ${hypotheses.length} tested (check the configured timeframes and indicator ranges)`);
  }
  const symbols = options.symbols ?? config.instruments;
  const startMs = monthsBefore(options.endMs, options.months);
  const sizes = [0, ...options.sizes];
  const total = options.seeds * sizes.length;
  const runs: CalibrationRun[] = [];
  for (let k = 0; k < options.seeds; k++) {
    const seed = options.firstSeed + k;
    for (const size of sizes) {
      io.progress?.(runs.length, total, `seed ${seed}, ${size === 0 ? "no effect" : `effect ${size}`}`);
      const market = generateSyntheticMarket({ seed, symbols, startMs, endMs: options.endMs, plantedEffect: size === 0 ? undefined : target.plant(size) });
      const judgement = await judgeMarket(storedSyntheticBundles(market), hypotheses, config, backtest, target.matching);
      const events = market.instruments.reduce((n, i) => n + (i.plantedEvents ?? 0), 0) / market.instruments.length;
      runs.push({ seed, size, events, ...judgement });
    }
  }
  io.progress?.(total, total, "done");
  return { options, matching: target.matching, matchingTimeframe: matching.timeframe, hypotheses: hypotheses.length, symbols, runs };
}
