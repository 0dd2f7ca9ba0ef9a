export type BacktestErrorCode =
  | "INPUT_LENGTH_MISMATCH"
  | "INVALID_EXIT_SPEC"
  | "INVALID_SIZING"
  | "INVALID_PARAMETER"
  | "UNSORTED_SERIES"
  | "DUPLICATE_LEG_ID"
  | "UNSUPPORTED_TIMEFRAME"
  | "INVALID_RISK_EVENT";

/** Raised for inputs the engine refuses to simulate; `code` lets callers react without parsing messages. */
export class BacktestError extends Error {
  readonly code: BacktestErrorCode;
  constructor(code: BacktestErrorCode, message: string) {
    super(message);
    this.name = "BacktestError";
    this.code = code;
  }
}
