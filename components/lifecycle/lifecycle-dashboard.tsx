"use client";

import { useQuery } from "@tanstack/react-query";
import { apiJson } from "@/lib/client/api-client";
import { isJobActive } from "@/lib/contract/jobs";
import { lifecycleSchema, researchLoopSchema } from "@/lib/contract/lifecycle";
import { LifecycleTable } from "./lifecycle-table";
import { LoopRuns } from "./loop-runs";
import { LoopSettingsForm } from "./loop-settings-form";

/** The Lifecycle page: the loop's settings and runs beside every hypothesis × instrument's state and history. */
export function LifecycleDashboard() {
  const loop = useQuery({
    queryKey: ["research-loop"],
    queryFn: ({ signal }) => apiJson("/api/research-loop", researchLoopSchema, { signal }),
    // While a loop runs, its list entry is polled so the page sees it end.
    refetchInterval: (q) => (q.state.data?.runs.some((r) => isJobActive(r)) ? 3_000 : false),
  });
  const lifecycle = useQuery({ queryKey: ["lifecycle"], queryFn: ({ signal }) => apiJson("/api/lifecycle", lifecycleSchema, { signal }) });
  return (
    <div className="lifecycle-page">
      <div className="split lifecycle-split">
        <section className="panel" aria-labelledby="lifecycle-states-title">
          <h2 id="lifecycle-states-title">Hypotheses</h2>
          {lifecycle.isPending ? <p className="muted small">Loading…</p> : null}
          {lifecycle.isError ? <p className="field-error">Could not load the lifecycle: {lifecycle.error.message}</p> : null}
          {lifecycle.data ? <LifecycleTable pairs={lifecycle.data.pairs} /> : null}
        </section>
        <div className="split-side lifecycle-side">
          <section className="panel" aria-labelledby="loop-settings-title">
            <h2 id="loop-settings-title">Research loop</h2>
            {loop.isPending ? <p className="muted small">Loading…</p> : null}
            {loop.isError ? <p className="field-error">Could not load the loop&apos;s settings: {loop.error.message}</p> : null}
            {loop.data ? <LoopSettingsForm settings={loop.data.settings} /> : null}
          </section>
          <section className="panel" aria-labelledby="loop-runs-title">
            <h2 id="loop-runs-title">Runs</h2>
            {loop.data ? <LoopRuns runs={loop.data.runs} /> : null}
          </section>
        </div>
      </div>
    </div>
  );
}
