import { describe, expect, it } from "vitest";
import { batchStatus } from "./batch-status";

const job = (status: "queued" | "running" | "succeeded" | "failed" | "cancelled", kind = "backtest", step: string | null = "3 of 6 tasks done") => ({ kind, status, step, progressDone: 50, progressTotal: 189 });

describe("batchStatus", () => {
  it("says cancelled with the job's own run counts for a cancelled batch", () => {
    expect(batchStatus(false, job("cancelled"))).toEqual({ label: "cancelled", tone: "status-cancelled", jobRuns: "50 of 189 runs" });
  });

  it("follows the job while the summary is missing", () => {
    expect(batchStatus(false, job("running")).label).toBe("running");
    expect(batchStatus(false, job("failed")).label).toBe("failed");
    expect(batchStatus(false, job("succeeded")).label, "a job that ended without the summary left the batch incomplete").toBe("interrupted");
  });

  it("is finished once the summary is stored, whatever the job says", () => {
    expect(batchStatus(true, job("cancelled")).label).toBe("finished");
  });

  it("cannot tell running from interrupted without a job", () => {
    expect(batchStatus(false, null)).toEqual({ label: "running or interrupted", tone: "status-running", jobRuns: null });
  });

  it("counts runs only when the job's progress counts runs", () => {
    expect(batchStatus(false, job("cancelled", "pipeline", "backtest: 3 of 6 tasks done")).jobRuns).toBe("50 of 189 runs");
    expect(batchStatus(false, job("cancelled", "pipeline", "analysis: edge analysis")).jobRuns, "an analysis step counts analysis steps").toBeNull();
  });
});
