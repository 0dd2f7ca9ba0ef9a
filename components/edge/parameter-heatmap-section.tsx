import Link from "next/link";
import type { EdgeThresholds } from "@/lib/analysis/edge-verdict";
import { profitFactorBand, type HeatmapCell, type ParameterHeatmap, type ProfitFactorBand } from "@/lib/analysis/parameter-heatmap";
import { formatNumber } from "@/lib/format";
import { tradingTimeframeSchema } from "@/lib/market/timeframe";
import { trialKey, type TrialRuns } from "./trial-risk-reward-badge";

/** Families shown unfolded; the others are one line each until opened. */
const FAMILIES_OPEN = 3;

const LEGEND: { band: ProfitFactorBand; label: string }[] = [
  { band: "loss-deep", label: "PF < 0.8" },
  { band: "loss", label: "0.8 – 1 (loses)" },
  { band: "below-bar", label: "1 – the bar" },
  { band: "at-bar", label: "the bar – 1.5× the bar" },
  { band: "strong", label: "≥ 1.5× the bar" },
  { band: "unbounded", label: "∞ (no losses)" },
  { band: "no-trades", label: "no trades" },
];

/** The profit factor a trial of this timeframe must reach; 1 (breaking even) for a timeframe the thresholds do not name. */
function requiredPf(thresholds: EdgeThresholds, timeframe: string): number {
  const tf = tradingTimeframeSchema.safeParse(timeframe);
  return tf.success ? thresholds.profitFactor[tf.data] : 1;
}

function cellText(cell: HeatmapCell): string {
  const t = cell.trial;
  if (!t) return "not analysed";
  if (t.trades === 0) return "no trades";
  return t.profitFactorUnbounded ? "∞" : formatNumber(t.profitFactor, 2);
}

function Cell({ cell, required, runs, symbol }: { cell: HeatmapCell | undefined; required: number; runs: TrialRuns; symbol: string }) {
  if (!cell) return <td className="heat empty" title="no hypothesis with this setting" />;
  const band = profitFactorBand(cell.trial, required);
  const run = runs.get(trialKey(cell.hypothesisId, symbol));
  const title = `${cell.hypothesisName} on ${symbol}: out of sample ${cell.trial ? `${cell.trial.trades} trades, PF ${cellText(cell)}` : "not analysed"}`;
  return (
    <td className={`heat ${band}`} title={title} data-testid="heatmap-cell" data-band={band}>
      {run ? <Link href={`/backtests/${run.id}`}>{cellText(cell)}</Link> : cellText(cell)}
    </td>
  );
}

function HeatmapGrid({ map, required, runs }: { map: ParameterHeatmap; required: number; runs: TrialRuns }) {
  const at = (x: number, y: number | null) => map.cells.find((c) => c.x === x && c.y === y);
  return (
    <figure className="heatmap" data-testid="parameter-heatmap" data-symbol={map.symbol}>
      <figcaption className="small">
        <strong>{map.symbol}</strong>
      </figcaption>
      <div className="table-scroll">
        <table className="heatmap-grid">
          <thead>
            <tr>
              <th className="axis-label">{map.y ? `${map.y.label} ↓  ${map.x.label} →` : `${map.x.label} →`}</th>
              {map.x.values.map((v) => (
                <th key={v}>{v}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(map.y?.values ?? [null]).map((y) => (
              <tr key={y ?? "strip"}>
                <th>{y ?? "PF"}</th>
                {map.x.values.map((x) => (
                  <Cell key={x} cell={at(x, y)} required={required} runs={runs} symbol={map.symbol} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * Out-of-sample profit factor over each family's parameters, one grid per instrument: a plateau of green is an edge
 * that does not hang on one setting; a lone green cell among red is a spike that likely will not repeat.
 */
export function ParameterHeatmapSection({ maps, thresholds, runs }: { maps: readonly ParameterHeatmap[]; thresholds: EdgeThresholds; runs: TrialRuns }) {
  const families = new Map<string, ParameterHeatmap[]>();
  for (const m of maps) {
    const key = `${m.timeframe} ${m.direction} ${m.family} ${m.fixed ?? ""}`;
    families.set(key, [...(families.get(key) ?? []), m]);
  }
  return (
    <section className="panel" data-testid="parameter-heatmaps">
      <h2>
        Parameter heatmaps <span className="muted">out-of-sample profit factor over each family&apos;s parameters</span>
      </h2>
      <div className="heat-legend small" data-testid="heatmap-legend">
        {LEGEND.map((l) => (
          <span key={l.band} className="heat-legend-item">
            <span className={`heat-swatch heat ${l.band}`} aria-hidden="true" /> {l.label}
          </span>
        ))}
      </div>
      {families.size === 0 ? (
        <p className="muted small" data-testid="heatmaps-none">
          No family here varies a parameter: each hypothesis shown is the only one of its rules (a quick pipeline tests one setting per family). A full discovery expands each
          template over the configured indicator ranges.
        </p>
      ) : (
        [...families.entries()].map(([key, grids], i) => {
          const first = grids[0];
          if (!first) return null;
          const required = requiredPf(thresholds, first.timeframe);
          const atBar = grids.reduce((n, m) => n + m.cells.filter((c) => ["at-bar", "strong", "unbounded"].includes(profitFactorBand(c.trial, required))).length, 0);
          const cells = grids.reduce((n, m) => n + m.cells.length, 0);
          // The first families open; the rest fold to a line saying how many of their cells reach the bar.
          return (
            <details key={key} className="heat-family" data-testid="heatmap-family" open={i < FAMILIES_OPEN}>
              <summary className="small">
                {first.timeframe} {first.direction}: <span className="mono">{first.family}</span>
                {first.fixed ? <span className="muted"> · {first.fixed}</span> : null}{" "}
                <span className="muted">
                  · the bar: PF ≥ {formatNumber(required, 2)} · {atBar} of {cells} cells reach it
                </span>
              </summary>
              <div className="heat-grids">
                {grids.map((m) => (
                  <HeatmapGrid key={m.key} map={m} required={required} runs={runs} />
                ))}
              </div>
            </details>
          );
        })
      )}
      <p className="muted small">Each cell is one hypothesis on one instrument, tested out of sample; neighbours that agree make a plateau, one bright cell alone is a spike. Click a cell for its run.</p>
    </section>
  );
}
