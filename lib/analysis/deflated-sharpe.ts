import { normalCdf, normalQuantile } from "./normal-distribution";

/**
 * Probabilistic and Deflated Sharpe Ratio (Bailey & López de Prado, 2012 and 2014).
 *
 * UNITS: every Sharpe ratio here is PER PERIOD of the return series (per day for daily returns), NOT annualised.
 * The backtest's `Metrics.sharpe` is annualised with √365 (crypto trades every day), so convert with
 * `perPeriodSharpe(annual, 365)` before use; the trial variance must be of per-period Sharpes too.
 */

/** Euler–Mascheroni constant γ. */
export const EULER_GAMMA = 0.5772156649015329;

/** The backtest annualises daily Sharpe with √365 (see backtest/metrics/risk-adjusted). */
export const DAYS_PER_YEAR = 365;

/** Annualised Sharpe → per-period Sharpe: SR_period = SR_annual / √(periods per year). */
export function perPeriodSharpe(annualised: number, periodsPerYear: number): number {
  return annualised / Math.sqrt(periodsPerYear);
}

export interface SharpeShape {
  /** Observed per-period Sharpe ratio. */
  readonly sharpe: number;
  /** Number of return observations T. */
  readonly observations: number;
  /** Skewness of the returns (0 for normal). */
  readonly skewness: number;
  /** Kurtosis of the returns, not excess (3 for normal). */
  readonly kurtosis: number;
}

/**
 * PSR(SR*) = Φ( (SR − SR*)·√(T−1) / √(1 − skew·SR + (kurt−1)/4·SR²) ): the probability that the true Sharpe exceeds
 * the benchmark SR*, allowing for the sample length and non-normal returns. Null when T < 2 or the variance term is
 * not positive (extreme skew with a large SR), where the approximation does not hold.
 */
export function probabilisticSharpe(shape: SharpeShape, benchmark: number): number | null {
  const { sharpe, observations, skewness, kurtosis } = shape;
  if (!(observations >= 2)) return null;
  const variance = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0)) return null;
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(variance));
}

/**
 * Expected maximum Sharpe of N independent trials whose Sharpes have variance V and true mean 0:
 * SR₀ = √V · ((1−γ)·Φ⁻¹(1−1/N) + γ·Φ⁻¹(1−1/(N·e))). With one trial there is no selection, so SR₀ = 0
 * (the formula is undefined there: Φ⁻¹(0) = −∞).
 */
export function expectedMaxSharpe(trials: number, sharpeVariance: number): number {
  if (!(trials > 1) || !(sharpeVariance > 0)) return 0;
  return Math.sqrt(sharpeVariance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

export interface DeflatedSharpe {
  /** SR₀: the Sharpe the best of `trials` would show by luck alone (per period). */
  readonly expectedMaxSharpe: number;
  /** PSR against SR₀: the probability the edge is real after the selection among `trials`. */
  readonly deflatedSharpe: number | null;
}

/** DSR = PSR(SR₀): the PSR benchmarked against the expected maximum Sharpe of the trials tried. */
export function deflatedSharpe(shape: SharpeShape, trials: number, sharpeVariance: number): DeflatedSharpe {
  const sr0 = expectedMaxSharpe(trials, sharpeVariance);
  return { expectedMaxSharpe: sr0, deflatedSharpe: probabilisticSharpe(shape, sr0) };
}
