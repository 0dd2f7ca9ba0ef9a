import { z } from "zod";

/** The system's instrument names: USDT-margined perpetuals, written as TradingView does (`BTCUSDT.P`). */
export const DEFAULT_INSTRUMENTS = ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"] as const;

const SYMBOL_FORMAT = "must look like BTCUSDT.P";

/** One instrument name as every input (config, job, route, query) must spell it. */
export const instrumentSymbolSchema = z.string().max(32, SYMBOL_FORMAT).regex(/^[A-Z0-9]+USDT\.P$/, SYMBOL_FORMAT);

/** Most instruments one request may name: each adds a series per timeframe to fetch, generate or backtest. */
export const MAX_INSTRUMENTS = 20;

/** A non-empty list of instrument names. */
export const instrumentListSchema = z
  .array(instrumentSymbolSchema)
  .min(1, "choose at least one instrument")
  .max(MAX_INSTRUMENTS, `at most ${MAX_INSTRUMENTS} instruments`);

/** Base asset of a system symbol: `BTCUSDT.P` → `BTC`. */
export function baseAsset(symbol: string): string {
  return symbol.replace(/USDT\.P$/, "");
}
