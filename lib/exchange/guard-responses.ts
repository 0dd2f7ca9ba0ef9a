import { BadResponse, BaseError, ExchangeError, ExchangeNotAvailable, type Exchange } from "ccxt";
import { describeRemoteFailure, requestPath, type RemoteFailure } from "./describe-remote-failure";

type ErrorClass = new (message: string) => BaseError;

/** Runs one of ccxt's response checks; what it throws is thrown again as the same class (retries read the class) with our description. */
function describedFailures<T>(failure: RemoteFailure, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof BaseError) throw new (error.constructor as ErrorClass)(describeRemoteFailure(failure));
    throw error;
  }
}

/**
 * ccxt writes the whole response body into its errors (`krakenfutures GET <url> 502 Bad Gateway <body>`), and hands
 * some failed responses back as data. Every error about a response is re-raised with describeRemoteFailure's text
 * (status, size, a short escaped excerpt), and:
 * - a 2xx body that is not JSON becomes BadResponse (fetchOHLCV would read it as "no candles": a silent hole);
 * - a non-2xx status ccxt has no error for (a redirect, an unusual code) becomes an error, not data;
 * - a transport failure (timeout, refused connection) names the request by its path, not its full URL and query.
 */
export function guardResponses(exchange: Exchange): void {
  const handleErrors = exchange.handleErrors.bind(exchange);
  const handleHttpStatusCode = exchange.handleHttpStatusCode.bind(exchange);
  const fetch = exchange.fetch.bind(exchange);
  exchange.handleErrors = (code, reason, url, method, headers, body, response: unknown, requestHeaders, requestBody) => {
    const failure: RemoteFailure = { exchange: exchange.id, method, url, status: code, body };
    if (code >= 200 && code < 300 && (response === undefined || response === null)) {
      throw new BadResponse(describeRemoteFailure({ ...failure, problem: "with a body that is not JSON" }));
    }
    return describedFailures(failure, () => handleErrors(code, reason, url, method, headers, body, response, requestHeaders, requestBody));
  };
  exchange.handleHttpStatusCode = (code: number, reason: string, url: string, method: string, body: string) => {
    const failure: RemoteFailure = { exchange: exchange.id, method, url, status: code, body };
    describedFailures(failure, () => handleHttpStatusCode(code, reason, url, method, body));
    if (code < 200 || code >= 300) throw new (code >= 500 ? ExchangeNotAvailable : ExchangeError)(describeRemoteFailure(failure));
  };
  exchange.fetch = async (url: string, method?: string, headers?: unknown, body?: unknown) => {
    try {
      return await fetch(url, method, headers, body);
    } catch (error) {
      if (error instanceof BaseError) error.message = error.message.replaceAll(url, requestPath(url));
      throw error;
    }
  };
}
