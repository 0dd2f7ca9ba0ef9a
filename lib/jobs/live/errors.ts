export type LiveAccountErrorCode =
  | "LIVE_ACCOUNT_NOT_FOUND"
  /** KRAKEN_FUTURES_API_KEY / _SECRET are not both set in the trading process's environment. */
  | "LIVE_NO_KEYS"
  /** Kraken answered the private read with an authentication error. */
  | "LIVE_KEYS_REFUSED"
  /** Arming an account that is armed, or arming one that has no keys to show a balance with. */
  | "LIVE_INVALID_ARMING"
  /** A stored column (limits, reconciliation, balance, its paper account) does not read as what the trader writes. */
  | "LIVE_CORRUPT_ACCOUNT";

/** Refusals of the live-trading service, with messages for the person at the terminal or the page. */
export class LiveAccountError extends Error {
  readonly code: LiveAccountErrorCode;
  constructor(code: LiveAccountErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LiveAccountError";
    this.code = code;
  }
}
