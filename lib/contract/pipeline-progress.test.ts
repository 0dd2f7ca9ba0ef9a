import { describe, expect, it } from "vitest";
import { pipelineProgress } from "./pipeline-progress";

const job = (step: string | null, done: number, total: number, params: unknown = { mode: "full" }) => ({ kind: "pipeline", params, status: "running" as const, progressDone: done, progressTotal: total, step });

describe("pipelineProgress", () => {
  it("counts finished phases whole and the running one by its own progress", () => {
    expect(pipelineProgress(job("data: storing BTCUSDT.P 1m", 50, 100)), "half the data phase (20 of 100)").toEqual({ percent: 10, phase: 1, phases: 5, name: "data" });
    expect(pipelineProgress(job("backtest: 3 of 6 tasks done", 3, 6)), "data and discovery (25) plus half the backtest (27.5)").toEqual({ percent: 52, phase: 3, phases: 5, name: "backtest" });
    expect(pipelineProgress(job("analysis: done", 4, 4))?.percent, "everything but the report").toBe(95);
  });

  it("never goes back when a phase starts over at 0 of its own", () => {
    const endOfData = pipelineProgress(job("data: resampling", 100, 100))?.percent ?? 0;
    const startOfBacktest = pipelineProgress(job("backtest: checking stored series", 0, 1))?.percent ?? 0;
    expect(startOfBacktest).toBeGreaterThanOrEqual(endOfData);
  });

  it("follows the phases of the job's mode", () => {
    expect(pipelineProgress(job("analysis: edge analysis", 1, 2, { mode: "analysis" }))).toEqual({ percent: 37, phase: 1, phases: 2, name: "analysis" });
  });

  it("is null for other jobs and for steps that name no phase", () => {
    expect(pipelineProgress({ ...job("backtest: x", 1, 2), kind: "backtest" })).toBeNull();
    expect(pipelineProgress(job("warming up", 1, 2))).toBeNull();
    expect(pipelineProgress(job(null, 0, 0))).toBeNull();
  });

  it("is 100% once the job succeeded", () => {
    expect(pipelineProgress({ ...job("analysis: done", 4, 4), status: "succeeded" })?.percent).toBe(100);
  });
});
