import { CHART_COLORS } from "@/components/charts/chart-theme";
import { EquityChart } from "@/components/charts/equity-chart";

/** A run's stored (thinned) equity curve with its drawdown underneath. */
export function RunEquitySection({ equity }: { equity: readonly { time: number; equity: number }[] }) {
  return (
    <section className="panel">
      <h2>
        Equity and drawdown <span className="muted">{equity.length} points, marked at bar closes</span>
      </h2>
      {equity.length > 1 ? <EquityChart curves={[{ label: "equity", color: CHART_COLORS.accent, points: equity }]} drawdown height={340} /> : <p className="muted">No equity curve stored.</p>}
    </section>
  );
}
