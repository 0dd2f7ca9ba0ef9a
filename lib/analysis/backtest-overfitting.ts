/**
 * Probability of backtest overfitting (PBO) by combinatorially symmetric cross-validation (CSCV; Bailey, Borwein,
 * López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015). The trials' daily returns are cut into S
 * equal blocks of days; for every way of choosing S/2 blocks as the in-sample half, the trial with the best in-sample
 * Sharpe is ranked among all trials on the other half. PBO is the share of splits in which that pick lands in the
 * bottom half out of sample (logit λ ≤ 0): how often choosing the best backtest chooses a below-median strategy.
 * No npm library computes it; it is a few loops over block sums, so it is written here.
 */

export interface BacktestOverfitting {
  /** Share of the splits whose in-sample best ranks at or below the median out of sample (0 … 1). */
  readonly pbo: number;
  /** The median logit λ of the pick's out-of-sample rank: above 0, the pick usually stays in the top half. */
  readonly medianLogit: number;
  readonly blocks: number;
  readonly combinations: number;
  readonly trials: number;
  /** Days used: the common days of every trial, less the remainder that does not fill a whole block. */
  readonly days: number;
}

/** CSCV's usual S: C(16, 8) = 12,870 splits, each half eight blocks. */
export const DEFAULT_CSCV_BLOCKS = 16;

interface BlockSums {
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  readonly count: Float64Array;
}

/** Per trial and block, the sum, the sum of squares and the count of its daily returns. */
function blockSums(returns: readonly (readonly number[])[], blocks: number, size: number, skip: number): BlockSums[] {
  return returns.map((series) => {
    const sums = { sum: new Float64Array(blocks), sumSq: new Float64Array(blocks), count: new Float64Array(blocks) };
    for (let b = 0; b < blocks; b++) {
      for (let i = skip + b * size; i < skip + (b + 1) * size; i++) {
        const r = series[i] ?? 0;
        sums.sum[b] = (sums.sum[b] ?? 0) + r;
        sums.sumSq[b] = (sums.sumSq[b] ?? 0) + r * r;
        sums.count[b] = (sums.count[b] ?? 0) + 1;
      }
    }
    return sums;
  });
}

/** Sharpe (mean ÷ sample standard deviation, per day) of the blocks in `mask`; a flat series scores 0. */
function maskedSharpe(s: BlockSums, mask: number, blocks: number): number {
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let b = 0; b < blocks; b++) {
    if ((mask & (1 << b)) === 0) continue;
    sum += s.sum[b] ?? 0;
    sumSq += s.sumSq[b] ?? 0;
    n += s.count[b] ?? 0;
  }
  if (n < 2) return 0;
  const mean = sum / n;
  const variance = (sumSq - n * mean * mean) / (n - 1);
  return variance > 1e-18 ? mean / Math.sqrt(variance) : 0;
}

const popCount = (x: number) => {
  let n = 0;
  for (let v = x; v !== 0; v &= v - 1) n++;
  return n;
};

/**
 * PBO of a set of trials, each given as its daily returns over the same days (index i is the same day in every
 * series). Null with fewer than two trials or fewer than two days per block: there is nothing to choose between.
 */
export function probabilityOfBacktestOverfitting(returns: readonly (readonly number[])[], blocks = DEFAULT_CSCV_BLOCKS): BacktestOverfitting | null {
  if (blocks < 2 || blocks % 2 !== 0 || blocks > 24) throw new RangeError(`CSCV needs an even number of blocks from 2 to 24, got ${blocks}`);
  const trials = returns.length;
  const length = Math.min(...returns.map((r) => r.length));
  const size = Math.floor(length / blocks);
  if (trials < 2 || size < 2) return null;
  // The oldest days that do not fill a block are left out, so every block is the same length.
  const skip = length - size * blocks;
  const sums = blockSums(returns, blocks, size, skip);
  const all = (1 << blocks) - 1;
  const logits: number[] = [];
  for (let mask = 0; mask <= all; mask++) {
    if (popCount(mask) !== blocks / 2) continue;
    let best = 0;
    let bestSharpe = -Infinity;
    for (let n = 0; n < trials; n++) {
      const sr = maskedSharpe(sums[n] as BlockSums, mask, blocks);
      if (sr > bestSharpe) [best, bestSharpe] = [n, sr];
    }
    const outOfSample = sums.map((s) => maskedSharpe(s, all ^ mask, blocks));
    const pick = outOfSample[best] ?? 0;
    // Relative rank in (0, 1): trials below the pick, half of those tied with it, the pick itself, over N + 1.
    let below = 0;
    let tied = 0;
    for (let n = 0; n < trials; n++) {
      if (n === best) continue;
      const v = outOfSample[n] ?? 0;
      if (v < pick) below++;
      else if (v === pick) tied++;
    }
    const omega = (below + tied / 2 + 1) / (trials + 1);
    logits.push(Math.log(omega / (1 - omega)));
  }
  logits.sort((a, b) => a - b);
  const overfit = logits.filter((l) => l <= 0).length;
  const mid = logits.length / 2;
  const medianLogit = logits.length % 2 === 1 ? (logits[Math.floor(mid)] ?? 0) : ((logits[mid - 1] ?? 0) + (logits[mid] ?? 0)) / 2;
  return { pbo: overfit / logits.length, medianLogit, blocks, combinations: logits.length, trials, days: size * blocks };
}
