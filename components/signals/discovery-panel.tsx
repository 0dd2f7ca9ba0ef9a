"use client";

import { JobsPanel } from "@/components/jobs/jobs-panel";
import { generalMessage } from "@/lib/client/api-client";
import { useStartJob } from "@/lib/client/use-start-job";

/** Starts discovery (hypotheses from the template catalog over the configured indicator ranges) and follows it. */
export function DiscoveryPanel() {
  const start = useStartJob("discovery");
  const message = generalMessage(start.error, []);
  return (
    <>
      <section className="panel">
        <h2>Discovery</h2>
        <p className="muted small">
          Expands the template catalog over the configured indicator ranges for every trading timeframe. Re-running updates hypotheses with the same rules
          in place (ids derive from the rules).
        </p>
        <button type="button" className="button" data-testid="run-discovery" disabled={start.isPending} onClick={() => start.mutate({ quick: false })}>
          {start.isPending ? "Starting…" : "Run discovery"}
        </button>
        {message ? (
          <p className="form-error" role="alert">
            {message}
          </p>
        ) : null}
      </section>
      <JobsPanel kind="discovery" title="Discovery jobs" />
    </>
  );
}
