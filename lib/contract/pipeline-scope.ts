/** Quick mode backtests only this many recent days: enough to exercise every phase in about a minute, not a verdict. */
export const QUICK_PIPELINE_DAYS = 14;

/** What a pipeline run would test, for the button that starts it (the overview counts the catalog on the server). */
export interface PipelineScope {
  /** Hypotheses in the whole catalog for the configured timeframes. */
  hypotheses: number;
  /** Hypotheses in the quick subset. */
  quickHypotheses: number;
  instruments: number;
}

/** Whether a stored report came from a quick run; a report written before the flag existed is not known to be one. */
export function isQuickReport(body: { quick?: boolean }): boolean {
  return body.quick === true;
}
