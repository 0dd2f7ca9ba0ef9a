/** The system's instrument names: USDT-margined perpetuals, written as TradingView does (`BTCUSDT.P`). */
export const DEFAULT_INSTRUMENTS = ["BTCUSDT.P", "ETHUSDT.P", "BNBUSDT.P"] as const;

/** Base asset of a system symbol: `BTCUSDT.P` → `BTC`. */
export function baseAsset(symbol: string): string {
  return symbol.replace(/USDT\.P$/, "");
}
