import { FundingChart } from "@/components/charts/funding-chart";
import { classifyFunding, DEFAULT_FUNDING_BANDS, EIGHT_HOURS_MS, FUNDING_CLASSES, fundingIntervalMs, normaliseTo8h, type FundingClass } from "@/lib/analysis/funding-classification";
import type { FundingEventStudy } from "@/lib/analysis/funding-event-study";
import { DEFAULT_REVERSAL_CLAIM, type FundingStudy } from "@/lib/analysis/funding-study";
import { formatPercent, formatUtc } from "@/lib/format";
import type { FundingRate } from "@/lib/market/candle";
import { FundingEventStudyChart } from "@/components/charts/funding-event-study-chart";
import { FUNDING_CLASS_STYLE, fundingClassRangeLabel, fundingRatePct } from "./funding-class-style";
import { ReversalTable } from "./reversal-table";

/** The claim under test and what the analysis measured for it at the longest horizon. */
function ReversalClaim({ study }: { study: FundingStudy | null }) {
  const longest = (cls: "extreme_bullish" | "extreme_bearish") => study?.reversal[cls]?.at(-1) ?? null;
  const claimed = longest("extreme_bullish")?.claimed ?? longest("extreme_bearish")?.claimed ?? DEFAULT_REVERSAL_CLAIM;
  return (
    <div className="funding-claim" data-testid="funding-claim">
      <div className="field-label">The claim</div>
      <div className="value">{formatPercent(claimed, 0)}</div>
      <p className="small">
        of extreme funding events are followed by a reversal: price falls after extreme bullish funding (crowded longs) and rises after extreme bearish
        funding (crowded shorts).
      </p>
      {study ? (
        <ul className="small funding-claim-measured">
          {(["extreme_bullish", "extreme_bearish"] as const).map((cls) => {
            const cell = longest(cls);
            if (!cell) return null;
            const name = <span style={{ color: FUNDING_CLASS_STYLE[cls].color }}>{FUNDING_CLASS_STYLE[cls].label}</span>;
            return cell.events === 0 ? (
              <li key={cls}>{name}: no event in the analysed period</li>
            ) : (
              <li key={cls}>
                {name}: reversed {formatPercent(cell.probability)} within {cell.horizonHours}h ({cell.reversals} of {cell.events}
                {cell.ci ? `, 95% CI ${formatPercent(cell.ci.lower)} to ${formatPercent(cell.ci.upper)}` : ""})
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="muted small">Measured by the analysis phase of the pipeline.</p>
      )}
    </div>
  );
}

/**
 * One instrument's funding history as 8h-equivalent rates: the chart, the current rate and its class, how many events
 * fell in each class (by the analysed bands, or the defaults before an analysis), and the reversal study.
 */
export function FundingInstrumentSection({
  symbol,
  first,
  last,
  rates,
  study,
  eventStudy,
}: {
  symbol: string;
  first: number;
  last: number;
  rates: readonly FundingRate[];
  study: FundingStudy | null;
  eventStudy: FundingEventStudy | null;
}) {
  const intervalMs = rates.length > 1 ? fundingIntervalMs({ time: Float64Array.from(rates, (r) => r.time), length: rates.length }) : EIGHT_HOURS_MS;
  const bands = study?.bands ?? DEFAULT_FUNDING_BANDS;
  const points = rates.map((r) => ({ time: r.time, rate8h: normaliseTo8h(r.rate, intervalMs) }));
  const counts = Object.fromEntries(FUNDING_CLASSES.map((k) => [k, 0])) as Record<FundingClass, number>;
  for (const p of points) counts[classifyFunding(p.rate8h, bands)]++;
  const latest = points[points.length - 1] ?? null;
  const latestClass = latest ? classifyFunding(latest.rate8h, bands) : null;
  return (
    <section className="panel" data-testid="funding-panel" data-symbol={symbol}>
      <h2>
        {symbol}{" "}
        <span className="muted">
          {points.length} events every {Math.round(intervalMs / 3_600_000)}h · {formatUtc(first)} → {formatUtc(last)} · shown as 8h-equivalent rates
        </span>
      </h2>
      <div className="funding-grid">
        <FundingChart symbol={symbol} points={points} bands={bands} />
        <div>
          <div className="stat">
            <div className="label">Current rate (8h)</div>
            <div className="value" data-testid="funding-current">
              {latest ? fundingRatePct(latest.rate8h) : "—"}
            </div>
            <p className="muted small">
              {latest && latestClass ? (
                <>
                  <span style={{ color: FUNDING_CLASS_STYLE[latestClass].color }} data-testid="funding-current-class">
                    {FUNDING_CLASS_STYLE[latestClass].label}
                  </span>{" "}
                  · {formatUtc(latest.time)}
                </>
              ) : null}
            </p>
          </div>
          <table className="data compact" data-testid="funding-class-counts">
            <thead>
              <tr>
                <th>Class (8h rate)</th>
                <th className="num">Events</th>
                <th className="num">Share</th>
              </tr>
            </thead>
            <tbody>
              {[...FUNDING_CLASSES].reverse().map((k) => (
                <tr key={k} data-testid="funding-class-row" data-class={k}>
                  <td>
                    <span className="funding-swatch" style={{ background: FUNDING_CLASS_STYLE[k].color }} />
                    <span style={{ color: FUNDING_CLASS_STYLE[k].color }} data-testid="funding-class-name">
                      {FUNDING_CLASS_STYLE[k].label}
                    </span>{" "}
                    <span className="muted small nowrap">{fundingClassRangeLabel(k, bands)}</span>
                  </td>
                  <td className="num">{counts[k]}</td>
                  <td className="num">{formatPercent(points.length > 0 ? counts[k] / points.length : null)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <h3 className="subhead">Reversal after extremes</h3>
      <div className="funding-claim-grid">
        <ReversalClaim study={study} />
        <div data-testid="funding-event-study">
          {!eventStudy ? (
            <p className="muted small">No {symbol} 5m candles stored beside the funding history: the event study needs prices.</p>
          ) : eventStudy.paths.extreme_bullish[0]?.events || eventStudy.paths.extreme_bearish[0]?.events ? (
            <FundingEventStudyChart symbol={symbol} study={eventStudy} />
          ) : (
            <p className="muted small" data-testid="funding-event-study-empty">
              No extreme funding event with a price in the stored history: there is no path to average.
            </p>
          )}
          <p className="muted small">Average price move after each extreme funding event, hour by hour, over all stored 5m candles, with its 95% interval (mean ± 1.96 standard errors).</p>
        </div>
      </div>
      <ReversalTable symbol={symbol} study={study} />
    </section>
  );
}
