import { gemini, krakenfutures, type Exchange } from "ccxt";
import { assertCredentialsMayGoTo, credentialsFromEnvironment } from "./exchange-credentials";
import { guardResponses } from "./guard-responses";
import type { ExchangeId } from "./symbol-map";

/** How to reach an exchange. Never its keys: those come from the environment alone (credentialsFromEnvironment). */
export interface CreateExchangeOptions {
  /** Default `krakenfutures` (primary); `gemini` is the backup. */
  id?: ExchangeId;
  /** Base URL of a local emulator (e.g. `http://127.0.0.1:40123`); every API family is pointed at it. */
  baseUrl?: string;
  /** Minimum spacing of requests, ms (ccxt's throttle). Defaults to ccxt's value for the exchange. */
  rateLimitMs?: number;
  /** Per-request timeout, ms. Default ccxt's 10 s. */
  timeoutMs?: number;
  /** Kraken's demo environment (demo-futures.kraken.com, ccxt's sandbox mode) instead of real funds. Ignored with `baseUrl`. */
  sandbox?: boolean;
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

/** A ccxt client of `id` with the environment's key pair (if any), whose errors never carry a whole response body. */
export function createExchange(options: CreateExchangeOptions = {}): Exchange {
  const id = options.id ?? "krakenfutures";
  const credentials = credentialsFromEnvironment(id);
  assertCredentialsMayGoTo(options.baseUrl, credentials);
  const config = {
    enableRateLimit: true,
    ...credentials,
    ...(options.rateLimitMs === undefined ? {} : { rateLimit: options.rateLimitMs }),
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    ...(options.baseUrl === undefined ? {} : { urls: { api: emulatorUrls(id, options.baseUrl) } }),
  };
  const exchange = id === "gemini" ? new gemini(config) : new krakenfutures(config);
  if (options.sandbox === true && options.baseUrl === undefined) exchange.setSandboxMode(true);
  guardResponses(exchange);
  return exchange;
}
