/**
 * A rule, stop or target text that does not parse. `column` is 1-based into `rule`, so a UI can point at it;
 * the message is meant for the person who wrote the rule and never carries a stack trace of ours.
 */
export class RuleSyntaxError extends Error {
  readonly code = "RULE_SYNTAX";
  constructor(
    message: string,
    readonly rule: string,
    readonly column: number,
  ) {
    super(message);
    this.name = "RuleSyntaxError";
  }
}

/** A compiled rule needs data the signal context does not carry (a higher timeframe, or funding). */
export class SignalDataError extends Error {
  readonly code = "SIGNAL_DATA_MISSING";
  constructor(message: string) {
    super(message);
    this.name = "SignalDataError";
  }
}

/** A hypotheses file (or one hypothesis in it) is malformed; the message names the index, name and field. */
export class HypothesisFileError extends Error {
  readonly code = "HYPOTHESIS_FILE_INVALID";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HypothesisFileError";
  }
}
