export type PaperAccountErrorCode =
  /** No hypotheses given and the final report recommends none (nothing passed the edge analysis). */
  | "PAPER_NOTHING_PASSED"
  /** The requested feed cannot run here. */
  | "PAPER_FEED_UNAVAILABLE"
  | "PAPER_ACCOUNT_NOT_FOUND"
  /** Hypothesis ids that are not stored. */
  | "PAPER_UNKNOWN_HYPOTHESIS"
  /** No stored candles for the instruments / period asked for. */
  | "PAPER_NO_DATA"
  /** The account is already being driven by a live job (or one that was stopped and has not ended yet). */
  | "PAPER_ALREADY_RUNNING"
  /** The job running the account no longer drives it (the sweep took it for dead, or another job took the account over). */
  | "PAPER_SUPERSEDED"
  /** A status change the account cannot make (resume a finished replay, pause a stopped account). */
  | "PAPER_INVALID_STATUS"
  /** The stored settings or state cannot be read back. */
  | "PAPER_CORRUPT_ACCOUNT";

/** Refusals of the paper-trading service; `field` names the input to fix when there is one. */
export class PaperAccountError extends Error {
  readonly code: PaperAccountErrorCode;
  readonly field?: string;
  constructor(code: PaperAccountErrorCode, message: string, options: { field?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PaperAccountError";
    this.code = code;
    if (options.field !== undefined) this.field = options.field;
  }
}
