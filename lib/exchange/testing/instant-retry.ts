import type { RetryOptions } from "../with-retry";

/** Retry options for tests: no real sleeping, a fixed jitter draw, and every requested delay recorded. */
export function instantRetry(overrides: RetryOptions = {}): RetryOptions & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    baseDelayMs: 10,
    random: () => 0.5,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...overrides,
    sleeps,
  };
}
