"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { apiJson } from "@/lib/client/api-client";
import { batchListSchema, type BatchJson } from "@/lib/contract/backtests";
import { BacktestRunsTable } from "./runs-table";

/** A folded batch's runs, asked for when it is opened: the page sends only the open batch's runs. */
function useBatchRuns(batchId: string, enabled: boolean, initial: Pick<BatchJson, "runs" | "verdicts"> | null) {
  return useQuery({
    queryKey: ["batch-runs", batchId],
    queryFn: async ({ signal }) => {
      const { batches } = await apiJson(`/api/backtests?batch=${encodeURIComponent(batchId)}`, batchListSchema, { signal });
      const batch = batches[0];
      return { runs: batch?.runs ?? [], verdicts: batch?.verdicts ?? {} };
    },
    enabled: enabled && initial === null,
    staleTime: 60_000,
  });
}

/** One batch folded under its summary line; its runs table renders only while it is open. */
export function BatchDetails({ batchId, summary, initiallyOpen, initial, runCount }: { batchId: string; summary: ReactNode; initiallyOpen: boolean; initial: Pick<BatchJson, "runs" | "verdicts"> | null; runCount: number }) {
  const [open, setOpen] = useState(initiallyOpen);
  const query = useBatchRuns(batchId, open, initial);
  const data = initial ?? query.data;
  return (
    <details className="batch" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {!open ? null : runCount === 0 ? (
        <p className="muted small">No runs stored in this batch yet.</p>
      ) : data ? (
        <BacktestRunsTable batchId={batchId} runs={data.runs} verdicts={data.verdicts} />
      ) : query.isError ? (
        <p className="field-error">Could not load the runs: {query.error.message}</p>
      ) : (
        <p className="muted small">Loading runs…</p>
      )}
    </details>
  );
}
