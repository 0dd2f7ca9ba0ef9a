import { FundingChart } from "@/components/charts/funding-chart";
import { classifyFunding, DEFAULT_FUNDING_BANDS, EIGHT_HOURS_MS, FUNDING_CLASSES, fundingIntervalMs, normaliseTo8h, type FundingClass } from "@/lib/analysis/funding-classification";
import type { FundingStudy } from "@/lib/analysis/funding-study";
import { formatPercent, formatUtc } from "@/lib/format";
import type { FundingRate } from "@/lib/market/candle";
import { ReversalTable } from "./reversal-table";

const CLASS_LABELS: Record<FundingClass, string> = {
  extreme_bearish: "extreme bearish",
  neutral: "neutral",
  moderate_bullish: "moderate bullish",
  elevated_bullish: "elevated bullish",
  extreme_bullish: "extreme bullish",
};
const CLASS_TONE: Record<FundingClass, string> = { extreme_bearish: "warn", neutral: "muted", moderate_bullish: "", elevated_bullish: "warn", extreme_bullish: "fail" };
const ratePct = (r: number) => `${(r * 100).toFixed(4)}%`;

/**
 * One instrument's funding history as 8h-equivalent rates: the chart, the current rate and its class, how many events
 * fell in each class (by the analysed bands, or the defaults before an analysis), and the reversal study.
 */
export function FundingInstrumentSection({ symbol, first, last, rates, study }: { symbol: string; first: number; last: number; rates: readonly FundingRate[]; study: FundingStudy | null }) {
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
              {latest ? ratePct(latest.rate8h) : "—"}
            </div>
            <p className="muted small">
              {latest && latestClass ? (
                <>
                  <span className={CLASS_TONE[latestClass]} data-testid="funding-current-class">
                    {CLASS_LABELS[latestClass]}
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
                <tr key={k}>
                  <td className={CLASS_TONE[k]}>
                    {CLASS_LABELS[k]}{" "}
                    <span className="muted small">
                      {k === "extreme_bullish"
                        ? `> ${ratePct(bands.extremeBullishAbove)}`
                        : k === "elevated_bullish"
                          ? `> ${ratePct(bands.elevatedBullishAbove)}`
                          : k === "moderate_bullish"
                            ? `≥ ${ratePct(bands.moderateBullishFrom)}`
                            : k === "extreme_bearish"
                              ? `< ${ratePct(bands.extremeBearishBelow)}`
                              : ""}
                    </span>
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
      <ReversalTable symbol={symbol} study={study} />
    </section>
  );
}
