export type AnalysisErrorCode = "INVALID_PARAMETER" | "INVALID_PERIOD" | "UNKNOWN_TIMEFRAME" | "TOO_FEW_POINTS";

/** Raised for inputs an analysis cannot be computed on; `code` lets callers react without parsing messages. */
export class AnalysisError extends Error {
  readonly code: AnalysisErrorCode;
  constructor(code: AnalysisErrorCode, message: string) {
    super(message);
    this.name = "AnalysisError";
    this.code = code;
  }
}
