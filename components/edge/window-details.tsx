import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { formatNumber } from "@/lib/format";
import { describeWindow } from "./window-bars";

/** The walk-forward windows' figures in words, folded away: what the bars' tooltips say, for screens that cannot hover. */
export function WindowDetails({ walkForward }: { walkForward: EdgeReportEntry["walkForward"] | null }) {
  if (!walkForward) return null;
  const { windows, stability } = walkForward;
  return (
    <details className="windows" data-testid="walk-forward-details">
      <summary>walk-forward windows{stability.concentrated ? `: ${stability.reasons.join("; ")}` : ""}</summary>
      <ul>
        {windows.map((w) => (
          <li key={w.index}>{describeWindow(w)}</li>
        ))}
      </ul>
      Sharpe dispersion across windows {formatNumber(stability.sharpeDispersion)} · windows passing every threshold on their own: {stability.passingWindows} of {stability.windows}
    </details>
  );
}
