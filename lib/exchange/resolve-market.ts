import type { Exchange } from "ccxt";
import { UnsupportedInstrumentError } from "./errors";
import { EXCHANGE_IDS, exchangeSymbol, isExchangeId, type ExchangeId } from "./symbol-map";
import { withRetry, type RetryOptions } from "./with-retry";

const LISTED_SAMPLE = 30;

export function exchangeIdOf(exchange: Exchange): ExchangeId {
  if (isExchangeId(exchange.id)) return exchange.id;
  throw new UnsupportedInstrumentError(exchange.id, "*", `Exchange ${exchange.id} is not supported; supported: ${EXCHANGE_IDS.join(", ")}`);
}

/**
 * Maps a system symbol to the exchange's market and checks the exchange really lists it (markets are loaded once,
 * with retries). Throws UnsupportedInstrumentError naming what the exchange lists instead.
 */
export async function resolveMarket(exchange: Exchange, systemSymbol: string, retry: RetryOptions = {}): Promise<string> {
  const id = exchangeIdOf(exchange);
  const market = exchangeSymbol(id, systemSymbol);
  // ccxt caches a rejected loadMarkets promise: a retry must ask for a reload to issue a new request
  let reload = false;
  const markets = await withRetry({ exchange: id, what: "markets", symbol: systemSymbol }, () => {
    const loading = exchange.loadMarkets(reload);
    reload = true;
    return loading;
  }, retry);
  if (markets[market] !== undefined) return market;
  const perpetuals = Object.values(markets).flatMap((m) => (m?.swap ? [m.symbol] : []));
  const sample = perpetuals.slice(0, LISTED_SAMPLE).join(", ") || "none";
  const more = perpetuals.length > LISTED_SAMPLE ? ` and ${perpetuals.length - LISTED_SAMPLE} more` : "";
  throw new UnsupportedInstrumentError(
    id,
    systemSymbol,
    `${id} does not list ${market} (mapped from ${systemSymbol}); perpetuals it lists: ${sample}${more}`,
  );
}
