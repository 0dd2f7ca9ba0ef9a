import { causeText, foreignText } from "./describe-remote-failure";

/** Typed errors of the exchange layer: each carries a literal `code` for callers and a message for humans. */

/** The exchange does not list (or the symbol table does not map) a system instrument. */
export class UnsupportedInstrumentError extends Error {
  readonly code = "EXCHANGE_UNSUPPORTED_INSTRUMENT";
  constructor(
    readonly exchange: string,
    readonly symbol: string,
    message: string,
  ) {
    super(message);
    this.name = "UnsupportedInstrumentError";
  }
}

/** The exchange (or our table of its abilities) cannot serve the requested kind of data. */
export class UnsupportedFeatureError extends Error {
  readonly code = "EXCHANGE_UNSUPPORTED_FEATURE";
  constructor(
    readonly exchange: string,
    readonly feature: string,
    message: string,
  ) {
    super(message);
    this.name = "UnsupportedFeatureError";
  }
}

/** What a request was for, so failures can name it. */
export interface FetchTarget {
  exchange: string;
  what: "candles" | "funding rates" | "markets" | "positions" | "open orders" | "fills" | "order status" | "mark price" | "dead man's switch" | "balance" | "cancel all orders";
  /** The system symbol, or `account` for what concerns the whole account (positions, the dead man's switch). */
  symbol: string;
  timeframe?: string;
  sinceMs?: number;
}

export function describeTarget(target: FetchTarget): string {
  const tf = target.timeframe === undefined ? "" : ` ${target.timeframe}`;
  const since = target.sinceMs === undefined ? "" : ` since ${new Date(target.sinceMs).toISOString()}`;
  return `${target.symbol}${tf} ${target.what} from ${target.exchange}${since}`;
}

/** A request failed for good: retries were exhausted, or the error was not worth retrying. The cause's text is bounded. */
export class FetchFailedError extends Error {
  readonly code = "EXCHANGE_FETCH_FAILED";
  constructor(
    readonly target: FetchTarget,
    readonly attempts: number,
    readonly retryable: boolean,
    cause: unknown,
  ) {
    const reason = causeText(cause);
    const verdict = retryable ? `gave up after ${attempts} attempts` : `failed with a non-retryable error (attempt ${attempts})`;
    super(`Fetching ${describeTarget(target)} ${verdict}: ${reason}`, { cause });
    this.name = "FetchFailedError";
  }
}

/** A page of exchange data failed validation; names the offending row (its start: a "row" may be the whole page). */
export class MalformedPageError extends Error {
  readonly code = "EXCHANGE_MALFORMED_PAGE";
  constructor(
    readonly target: FetchTarget,
    readonly rowIndex: number,
    readonly row: unknown,
    problem: string,
    cause?: unknown,
  ) {
    super(`Malformed ${describeTarget(target)}: row ${rowIndex} (${foreignText(JSON.stringify(row) ?? String(row))}) ${problem}`, { cause });
    this.name = "MalformedPageError";
  }
}

/** A request for a timeframe that is derived locally, never fetched. */
export class NotFetchableTimeframeError extends Error {
  readonly code = "EXCHANGE_TIMEFRAME_NOT_FETCHABLE";
  constructor(readonly timeframe: string) {
    super(`Timeframe ${timeframe} is never fetched from an exchange: it is built from 1m candles by resampling`);
    this.name = "NotFetchableTimeframeError";
  }
}
