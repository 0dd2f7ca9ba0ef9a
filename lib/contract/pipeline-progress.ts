import type { JobJson } from "./jobs";

/**
 * The pipeline's phases per mode, in order, as lib/jobs/run-pipeline.ts runs them, with each phase's share of the
 * whole: roughly its share of a full run's time (the backtest dominates; discovery and the report take seconds).
 * The pipeline reports each phase's progress as `phase: step` with the phase's own done/total.
 */
const PHASE_WEIGHTS = { data: 20, discovery: 5, backtest: 55, analysis: 15, report: 5 } as const;
type Phase = keyof typeof PHASE_WEIGHTS;
const PHASES_BY_MODE: Record<string, readonly Phase[]> = {
  full: ["data", "discovery", "backtest", "analysis", "report"],
  discovery: ["discovery"],
  backtest: ["backtest"],
  analysis: ["analysis", "report"],
};

export interface OverallProgress {
  /** 0–100 across every phase of the run. */
  readonly percent: number;
  /** 1-based index of the phase now running, of `phases`. */
  readonly phase: number;
  readonly phases: number;
  readonly name: string;
}

function modeOf(params: unknown): string {
  if (typeof params === "object" && params !== null && "mode" in params && typeof params.mode === "string") return params.mode;
  return "full";
}

/**
 * One bar for a whole pipeline run: the phases before the running one count whole, the running one by its own
 * done/total. Without it the bar restarts at 0% (or falls from 100%) each time a phase begins. Null for a job that
 * is not a pipeline or whose step names no phase of its mode.
 */
export function pipelineProgress(job: Pick<JobJson, "kind" | "params" | "status" | "progressDone" | "progressTotal" | "step">): OverallProgress | null {
  if (job.kind !== "pipeline" || job.step === null) return null;
  const phases = PHASES_BY_MODE[modeOf(job.params)] ?? PHASES_BY_MODE.full ?? [];
  const name = job.step.split(":", 1)[0]?.trim() ?? "";
  const index = phases.findIndex((p) => p === name);
  const current = phases[index];
  if (current === undefined) return null;
  const total = phases.reduce((sum, p) => sum + PHASE_WEIGHTS[p], 0);
  const before = phases.slice(0, index).reduce((sum, p) => sum + PHASE_WEIGHTS[p], 0);
  const fraction = job.progressTotal > 0 ? Math.min(1, Math.max(0, job.progressDone / job.progressTotal)) : 0;
  const percent = job.status === "succeeded" ? 100 : Math.min(100, Math.floor(((before + PHASE_WEIGHTS[current] * fraction) / total) * 100));
  return { percent, phase: index + 1, phases: phases.length, name: current };
}
