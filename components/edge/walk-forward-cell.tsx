import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { WalkForwardSettings } from "@/lib/analysis/walk-forward-stability";
import { formatPercent } from "@/lib/format";
import { WindowBars } from "./window-bars";

/**
 * The walk-forward column: the per-window bars, how many windows made money and the largest one's share of the
 * profit, and the flag when the edge lives in one window (red when the gate fails such a pass, amber when it warns).
 */
export function WalkForwardCell({ walkForward, gate }: { walkForward: EdgeReportEntry["walkForward"] | null; gate: WalkForwardSettings["gate"] | null }) {
  if (!walkForward) {
    return (
      <td className="sep small muted" data-testid="walk-forward" title="analysed before walk-forward windows were part of the report: run the analysis again">
        —
      </td>
    );
  }
  const { windows, stability } = walkForward;
  const share = stability.largestWindowShare === null ? "no profit" : `top ${formatPercent(stability.largestWindowShare, 0)}`;
  return (
    <td className="sep" data-testid="walk-forward" data-windows={windows.length} data-concentrated={String(stability.concentrated)}>
      <div className="window-cell">
        <WindowBars windows={windows} highlight={stability.concentrated ? stability.largestWindow : null} />
        <span className="small nowrap">
          {stability.profitableWindows}/{stability.windows} up
        </span>
      </div>
      {stability.concentrated ? (
        <span className={`verdict ${gate === "warn" ? "warned" : "fail"}`} data-testid="one-window-flag" title={`${share}: ${stability.reasons.join("; ")}`}>
          one window
        </span>
      ) : (
        <span className="small muted nowrap">{share}</span>
      )}
    </td>
  );
}
