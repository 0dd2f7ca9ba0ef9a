import Link from "next/link";
import { QuickReportBadge } from "@/components/layout/quick-report-badge";
import { isQuickReport } from "@/lib/contract/pipeline-scope";
import type { FinalReportBody } from "@/lib/contract/reports";

const seconds = (ms: number) => (ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.floor(ms / 60_000)} min ${String(Math.round((ms % 60_000) / 1000)).padStart(2, "0")} s`);

/** How long each phase of the pipeline run behind the final report took. */
export function LatestPipelineSection({ final }: { final: FinalReportBody }) {
  const { execution } = final;
  return (
    <section className="panel" data-testid="latest-pipeline">
      <h2>
        Latest pipeline run {isQuickReport(final) ? <QuickReportBadge /> : null} <span className="muted">{execution.trials} trials · {execution.passed} passed</span>
      </h2>
      <table className="data compact">
        <thead>
          <tr>
            <th>Phase</th>
            <th className="num">Took</th>
          </tr>
        </thead>
        <tbody>
          {execution.phases.map((p) => (
            <tr key={p.phase} data-testid="pipeline-phase">
              <td>{p.phase}</td>
              <td className="num">{seconds(p.durationMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Per-trial verdicts on the <Link href="/edge">Edge</Link> page; runs and trades on <Link href="/backtests">Backtests</Link>; funding on{" "}
        <Link href="/funding">Funding</Link>.
      </p>
    </section>
  );
}
