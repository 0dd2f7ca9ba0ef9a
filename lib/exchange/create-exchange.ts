import { BadResponse, gemini, krakenfutures, type Exchange } from "ccxt";
import type { ExchangeId } from "./symbol-map";

export interface CreateExchangeOptions {
  /** Default `krakenfutures` (primary); `gemini` is the backup. */
  id?: ExchangeId;
  /** Base URL of a local emulator (e.g. `http://127.0.0.1:40123`); every API family is pointed at it. */
  baseUrl?: string;
  /** Minimum spacing of requests, ms (ccxt's throttle). Defaults to ccxt's value for the exchange. */
  rateLimitMs?: number;
  /** Per-request timeout, ms. Default ccxt's 10 s. */
  timeoutMs?: number;
}

/** How ccxt composes each exchange's URLs: `urls.api[family] + path`. */
function emulatorUrls(id: ExchangeId, baseUrl: string): Record<string, string> {
  const base = baseUrl.replace(/\/+$/, "");
  if (id === "gemini") return { public: base, private: base, web: base, webExchange: base };
  return {
    charts: `${base}/api/charts/`,
    history: `${base}/api/history/`,
    feeschedules: `${base}/api/feeschedules/`,
    public: `${base}/derivatives/api/`,
    private: `${base}/derivatives/api/`,
  };
}

/**
 * ccxt hands a 2xx body that is not JSON back as a string, which fetchOHLCV then reads as "no candles":
 * a silent hole. Turn it into BadResponse so the retry policy sees it.
 */
function rejectNonJsonBodies(exchange: Exchange): void {
  const handleErrors = exchange.handleErrors.bind(exchange);
  exchange.handleErrors = (code, reason, url, method, headers, body, response: unknown, requestHeaders, requestBody) => {
    if (code >= 200 && code < 300 && (response === undefined || response === null)) {
      throw new BadResponse(`${exchange.id} ${method} ${url} returned a body that is not JSON: ${body.slice(0, 200)}`);
    }
    return handleErrors(code, reason, url, method, headers, body, response, requestHeaders, requestBody);
  };
}

export function createExchange(options: CreateExchangeOptions = {}): Exchange {
  const id = options.id ?? "krakenfutures";
  const config = {
    enableRateLimit: true,
    ...(options.rateLimitMs === undefined ? {} : { rateLimit: options.rateLimitMs }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.baseUrl === undefined ? {} : { urls: { api: emulatorUrls(id, options.baseUrl) } }),
  };
  const exchange = id === "gemini" ? new gemini(config) : new krakenfutures(config);
  rejectNonJsonBodies(exchange);
  return exchange;
}
