export type PaperErrorCode =
  /** A bar of a traded series closes before the engine's clock (bars must arrive in close-time order). */
  | "OUT_OF_ORDER"
  /** A tick's bar does not close at the tick's close time, or a bar is malformed. */
  | "BAD_TICK"
  /** The history given to restore does not hold exactly the bars and funding the snapshot was taken on. */
  | "HISTORY_MISMATCH"
  /** The configuration given to restore does not match the snapshot (legs, version). */
  | "CONFIG_MISMATCH"
  /** A hypothesis or leg cannot be traded (unknown symbol, duplicate id). */
  | "INVALID_CONFIG";

/** Raised for inputs the paper engine refuses; `code` lets the job react without parsing messages. */
export class PaperError extends Error {
  readonly code: PaperErrorCode;
  constructor(code: PaperErrorCode, message: string) {
    super(message);
    this.name = "PaperError";
    this.code = code;
  }
}
