import { SeededRandom } from "@/lib/market/seeded-random";
import { AnalysisError } from "./errors";
import type { Interval } from "./interval";

export interface BootstrapOptions {
  /** Number of resamples; default 2000. */
  readonly resamples?: number;
  /** Two-sided confidence level; default 0.95. */
  readonly confidence?: number;
  /** PRNG seed: same seed, same intervals. */
  readonly seed?: number | string;
}

/** Profit factor bounds; a bound is null exactly when it is unbounded (it fell on resamples without a losing trade). */
export interface ProfitFactorInterval {
  readonly lower: number | null;
  readonly upper: number | null;
  readonly lowerUnbounded: boolean;
  readonly upperUnbounded: boolean;
  /** Share of resamples whose profit factor was unbounded. */
  readonly unboundedShare: number;
}

export interface TradeBootstrap {
  readonly resamples: number;
  readonly confidence: number;
  /** Null when there are no trades. */
  readonly winRate: Interval | null;
  readonly profitFactor: ProfitFactorInterval | null;
}

export const DEFAULT_BOOTSTRAP = { resamples: 2000, confidence: 0.95, seed: 1 } as const;

/** Gross profit / |gross loss| with no losing PnL as +Infinity (sorts last) and no PnL at all as 0 (no profit). */
function resampledProfitFactor(profit: number, loss: number): number {
  if (loss > 0) return profit / loss;
  return profit > 0 ? Infinity : 0;
}

/**
 * Percentile bootstrap of win rate and profit factor from per-trade net PnL (a win is PnL > 0, as in the metrics).
 * Trades are resampled with replacement, n at a time; bounds are the order statistics at indices ⌊B·α/2⌋ and
 * ⌈B·(1−α/2)⌉ − 1 of the B sorted resampled values (α = 1 − confidence). Resampling treats trades as independent:
 * clustered trades make the intervals too narrow.
 */
export function bootstrapTradeStats(pnls: readonly number[], options: BootstrapOptions = {}): TradeBootstrap {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP.resamples;
  const confidence = options.confidence ?? DEFAULT_BOOTSTRAP.confidence;
  if (!Number.isInteger(resamples) || resamples < 1) throw new AnalysisError("INVALID_PARAMETER", `resamples must be a positive integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new AnalysisError("INVALID_PARAMETER", `confidence must be in (0, 1), got ${confidence}`);
  const n = pnls.length;
  if (n === 0) return { resamples, confidence, winRate: null, profitFactor: null };

  // Each trade's share of wins, profit and loss, so the resampling loop adds without branching: a win-or-loss branch
  // on random draws mispredicts half the time, which doubled the time. Adding 0 leaves a sum exactly as it was.
  const win = new Uint8Array(n);
  const gain = new Float64Array(n);
  const lost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const pnl = pnls[i] ?? 0;
    win[i] = pnl > 0 ? 1 : 0;
    gain[i] = pnl > 0 ? pnl : 0;
    lost[i] = pnl > 0 ? 0 : -pnl;
  }
  const rng = new SeededRandom(options.seed ?? DEFAULT_BOOTSTRAP.seed, "bootstrap");
  const winRates = new Float64Array(resamples);
  const factors = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let wins = 0;
    let profit = 0;
    let loss = 0;
    for (let k = 0; k < n; k++) {
      const j = Math.floor(rng.next() * n);
      wins += win[j] ?? 0;
      profit += gain[j] ?? 0;
      loss += lost[j] ?? 0;
    }
    winRates[b] = wins / n;
    factors[b] = resampledProfitFactor(profit, loss);
  }
  winRates.sort();
  factors.sort();
  const alpha = 1 - confidence;
  const lo = Math.min(resamples - 1, Math.floor(resamples * (alpha / 2)));
  const hi = Math.max(0, Math.ceil(resamples * (1 - alpha / 2)) - 1);
  const pfLower = factors[lo] ?? NaN;
  const pfUpper = factors[hi] ?? NaN;
  let unbounded = 0;
  for (const f of factors) if (f === Infinity) unbounded++;
  return {
    resamples,
    confidence,
    winRate: { lower: winRates[lo] ?? NaN, upper: winRates[hi] ?? NaN },
    profitFactor: {
      lower: Number.isFinite(pfLower) ? pfLower : null,
      upper: Number.isFinite(pfUpper) ? pfUpper : null,
      lowerUnbounded: pfLower === Infinity,
      upperUnbounded: pfUpper === Infinity,
      unboundedShare: unbounded / resamples,
    },
  };
}
