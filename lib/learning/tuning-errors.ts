export type TuningErrorCode = "INVALID_OPTION" | "INVALID_FAMILY" | "UNKNOWN_MEMBER";

/** Raised for a tuning request that cannot be answered; `code` lets callers react without parsing messages. */
export class TuningError extends Error {
  readonly code: TuningErrorCode;
  constructor(code: TuningErrorCode, message: string) {
    super(message);
    this.name = "TuningError";
    this.code = code;
  }
}
