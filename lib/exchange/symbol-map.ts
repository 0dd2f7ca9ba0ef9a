import { UnsupportedInstrumentError } from "./errors";

export const EXCHANGE_IDS = ["krakenfutures", "gemini"] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/**
 * The one place a system symbol becomes an exchange market (ccxt unified symbols).
 * - Kraken Futures has no USDT perpetuals: its multi-collateral `PF_*USD` perpetuals (ccxt: `BTC/USD:USD`) are the
 *   closest contracts; USD and USDT prices differ by the USDT peg only.
 * - Gemini's perpetuals are GUSD-settled (`btcgusdperp` → `BTC/GUSD:GUSD`); it lists no BNB perpetual.
 */
const SYMBOL_TABLE: Record<string, Partial<Record<ExchangeId, string>>> = {
  "BTCUSDT.P": { krakenfutures: "BTC/USD:USD", gemini: "BTC/GUSD:GUSD" },
  "ETHUSDT.P": { krakenfutures: "ETH/USD:USD", gemini: "ETH/GUSD:GUSD" },
  "BNBUSDT.P": { krakenfutures: "BNB/USD:USD" },
};

/** System symbols the table maps for an exchange. */
export function mappedSymbols(exchange: ExchangeId): string[] {
  return Object.entries(SYMBOL_TABLE)
    .filter(([, markets]) => markets[exchange] !== undefined)
    .map(([symbol]) => symbol);
}

/** The exchange's unified market symbol for a system symbol; throws when the exchange has no such perpetual. */
export function exchangeSymbol(exchange: ExchangeId, systemSymbol: string): string {
  const market = SYMBOL_TABLE[systemSymbol]?.[exchange];
  if (market === undefined) {
    const listed = mappedSymbols(exchange).join(", ") || "none";
    throw new UnsupportedInstrumentError(
      exchange,
      systemSymbol,
      `${exchange} has no perpetual for ${systemSymbol}; instruments it can serve: ${listed}`,
    );
  }
  return market;
}

/** The system symbol of an exchange market (`BTC/USD:USD` → `BTCUSDT.P`), or undefined for one the system does not trade. */
export function systemSymbol(exchange: ExchangeId, market: string): string | undefined {
  return Object.entries(SYMBOL_TABLE).find(([, markets]) => markets[exchange] === market)?.[0];
}

export function isExchangeId(value: string): value is ExchangeId {
  return (EXCHANGE_IDS as readonly string[]).includes(value);
}
