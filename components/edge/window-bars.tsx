import type { WalkForwardWindowResult } from "@/lib/analysis/walk-forward";
import { formatNumber, formatPercent, formatProfitFactor, formatUtcDay } from "@/lib/format";

const BAR_WIDTH = 10;
const BAR_GAP = 3;
const HEIGHT = 28;

const signedPct = (v: number) => `${v > 0 ? "+" : ""}${formatPercent(v, 2)}`;

/** One window's figures in a line: the bar's tooltip and the row's window list. */
export function describeWindow(w: WalkForwardWindowResult): string {
  const m = w.metrics;
  return `window ${w.index + 1} (${formatUtcDay(m.from)} → ${formatUtcDay(m.to)}): ${m.trades} trades · win ${formatPercent(m.winRate)} · PF ${formatProfitFactor(m.profitFactor, m.profitFactorUnbounded)} · SR ${formatNumber(m.sharpe)} · ${signedPct(w.netReturn)}`;
}

/**
 * Net return per walk-forward window as bars above (profit) or below (loss) a zero line, scaled to the row's largest
 * window: one tall bar among flat ones is an edge that lives in one window, which a glance finds faster than numbers.
 */
export function WindowBars({ windows, highlight }: { windows: readonly WalkForwardWindowResult[]; highlight: number | null }) {
  const width = windows.length * (BAR_WIDTH + BAR_GAP) - BAR_GAP;
  const mid = HEIGHT / 2;
  const scale = Math.max(...windows.map((w) => Math.abs(w.netReturn)));
  return (
    <svg className="window-bars" width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={`Net return per walk-forward window: ${windows.map((w) => signedPct(w.netReturn)).join(", ")}`} data-testid="walk-forward-bars">
      <line className="axis" x1={0} x2={width} y1={mid} y2={mid} />
      {windows.map((w, i) => {
        // At least a pixel, so a flat window still shows where it is.
        const h = scale > 0 ? Math.max(1, (Math.abs(w.netReturn) / scale) * (mid - 1)) : 1;
        const tone = w.netReturn > 0 ? "up" : w.netReturn < 0 ? "down" : "flat";
        return (
          <rect key={w.index} className={`${tone}${w.index === highlight ? " top" : ""}`} x={i * (BAR_WIDTH + BAR_GAP)} y={w.netReturn > 0 ? mid - h : mid} width={BAR_WIDTH} height={h} data-testid="walk-forward-bar" data-net-return={w.netReturn}>
            <title>{describeWindow(w)}</title>
          </rect>
        );
      })}
    </svg>
  );
}
