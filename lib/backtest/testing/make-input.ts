import type { CandleSeries } from "../../market/series";
import type { BacktestInput } from "../types";

/** An entry-signal column of `n` bars with a signal on each bar in `at`. */
export function signals(n: number, ...at: number[]): Uint8Array {
  const out = new Uint8Array(n);
  for (const i of at) out[i] = 1;
  return out;
}

/** Flat-priced defaults: long, 1 % stop, 2R target, no slippage, 10 000 equity, risk 2 % with leverage 10. */
export function makeInput(series: CandleSeries, overrides: Partial<BacktestInput> = {}): BacktestInput {
  return {
    series,
    entrySignal: signals(series.length, 0),
    direction: "long",
    atr: new Float64Array(series.length).fill(1),
    exits: { stop: { kind: "bps", bps: 100 }, target: { kind: "r", multiple: 2 } },
    maxHoldMinutes: 10_000,
    slippagePips: 0,
    fees: { taker: 0.0005, maker: 0.0002 },
    sizing: { mode: "risk", riskFraction: 0.02, leverage: 10 },
    startingEquity: 10_000,
    ...overrides,
  };
}
