import type { EdgeReport } from "@/lib/analysis/edge-report";

/** Per hypothesis, the instruments it passes, fails and lacks trades on: an edge on one instrument is likely luck. */
export function CrossInstrumentSection({ crossInstrument }: { crossInstrument: EdgeReport["crossInstrument"] }) {
  return (
    <section className="panel" data-testid="cross-instrument">
      <h2>Cross-instrument consistency</h2>
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th>Hypothesis</th>
              <th>Passes on</th>
              <th>Fails on</th>
              <th>Too few trades</th>
              <th>Consistent</th>
            </tr>
          </thead>
          <tbody>
            {crossInstrument.map((c) => (
              <tr key={c.hypothesisId}>
                <td>{c.hypothesisName}</td>
                <td className="pass small">{c.summary.passes.join(", ") || "—"}</td>
                <td className="fail small">{c.summary.fails.join(", ") || "—"}</td>
                <td className="warn small">{c.summary.insufficient.join(", ") || "—"}</td>
                <td>{c.summary.consistent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">An edge on one instrument only is more likely luck than one that holds on all.</p>
    </section>
  );
}
