/**
 * Deterministic pseudo-random numbers for synthetic data: same seed, same sequence, on every machine.
 * sfc32 is small, fast and passes PractRand well beyond the few million draws we need.
 */

/** FNV-1a: a 32-bit hash of a text, to derive independent random streams from labels. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hashes a seed and a label (e.g. a symbol) into a 32-bit state, so each stream is independent of the others. */
export function hashSeed(seed: number | string, label = ""): number {
  // FNV-1a, then a murmur3 finaliser to spread low-entropy inputs
  let h = fnv1a(`${String(seed)}\u0000${label}`);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number | string, label = "") {
    this.a = hashSeed(seed, `${label}/a`);
    this.b = hashSeed(seed, `${label}/b`);
    this.c = hashSeed(seed, `${label}/c`);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.nextUint32(); // warm-up, as sfc32 recommends
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1): safe to take a logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Standard normal via Box-Muller; the second value of each pair is kept for the next call. */
  normal(): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return spare;
    }
    const radius = Math.sqrt(-2 * Math.log(this.nextOpen()));
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Gamma(shape, 1) by Marsaglia-Tsang; shapes below 1 use the boost u^(1/shape). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.nextOpen(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      const v0 = 1 + c * x;
      if (v0 <= 0) continue;
      const v = v0 * v0 * v0;
      const u = this.nextOpen();
      if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
    }
  }

  /** Student-t with `df` degrees of freedom (variance df/(df-2) when df > 2). */
  studentT(df: number): number {
    return this.normal() / Math.sqrt((2 * this.gamma(df / 2)) / df);
  }

  /** Student-t rescaled to unit variance, so it can stand in for a normal shock with fatter tails. */
  standardizedT(df: number): number {
    return this.studentT(df) * Math.sqrt((df - 2) / df);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -Math.log(this.nextOpen()) * mean;
  }
}
