import { SeededRandom } from "../seeded-random";

/** Deterministic uniform draws in [0, 1), identical run to run: the market generator's PRNG as a plain function. */
export function uniformDraws(seed: number): () => number {
  const rng = new SeededRandom(seed);
  return () => rng.next();
}
