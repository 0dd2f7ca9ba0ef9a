export type LearningErrorCode = "INVALID_INPUT" | "INVALID_MODEL" | "INCOMPATIBLE_MEMBERS" | "INVALID_OPTION" | "INVALID_FAMILY" | "UNKNOWN_MEMBER";

/** Raised for inputs a learning step cannot work on; `code` lets callers react without parsing messages. */
export class LearningError extends Error {
  readonly code: LearningErrorCode;
  constructor(code: LearningErrorCode, message: string) {
    super(message);
    this.name = "LearningError";
    this.code = code;
  }
}
