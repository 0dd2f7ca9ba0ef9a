import Link from "next/link";
import { BreakableName } from "@/components/layout/breakable-name";
import { COMPOSITE_WEIGHTS } from "@/lib/analysis/composite-score";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { formatNumber, formatPercent } from "@/lib/format";
import { TrialRiskRewardBadge, trialKey, type TrialRuns } from "./trial-risk-reward-badge";
import { VerdictBadge } from "./verdict-badge";

const RANKING_SHOWN = 25;

/** The score's weights as the footnote spells them, read from the scoring itself so the two cannot disagree. */
const WEIGHTS = [
  `win rate ${formatPercent(COMPOSITE_WEIGHTS.winRate, 0)}`,
  `PF ${formatPercent(COMPOSITE_WEIGHTS.profitFactor, 0)}`,
  `Sharpe ${formatPercent(COMPOSITE_WEIGHTS.sharpe, 0)}`,
  `deflated Sharpe ${formatPercent(COMPOSITE_WEIGHTS.deflatedSharpe, 0)}`,
].join(", ");

/**
 * The best-ranked trials the filters let through, by composite score, with the claim check and the bootstrap interval
 * of their profit factor; each links to its run.
 */
export function RankingSection({ entries, total, minTrades, runs }: { entries: readonly EdgeReportEntry[]; total: number; minTrades: number; runs: TrialRuns }) {
  const ranked = [...entries].sort((a, b) => a.rank - b.rank).slice(0, RANKING_SHOWN);
  return (
    <section className="panel" data-testid="ranking">
      <h2>
        Ranking by composite score{" "}
        <span className="muted">
          top {ranked.length} of {entries.length}
          {entries.length === total ? "" : ` matching (${total} trials)`}
        </span>
      </h2>
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th className="num">Rank</th>
              <th>Hypothesis</th>
              <th>TF</th>
              <th>Instrument</th>
              <th className="num">Score</th>
              <th className="num" title={`n / (n + ${minTrades}): n is the trial's trades over the whole period`}>
                Confidence
              </th>
              <th className="num">Claimed win rate</th>
              <th>Measured (95% Wilson)</th>
              <th>Claim</th>
              <th>Bootstrap PF (95%)</th>
              <th>Overall</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map((e) => {
              const pf = e.bootstrap.profitFactor;
              const run = runs.get(trialKey(e.hypothesisId, e.symbol));
              return (
                <tr key={`${e.hypothesisId}-${e.symbol}`} data-testid="ranking-row">
                  <td className="num">{e.rank}</td>
                  <td className="name-cell">
                    {run ? (
                      <Link href={`/backtests/${run.id}`} data-testid="ranking-run-link">
                        <BreakableName name={e.hypothesisName} />
                      </Link>
                    ) : (
                      <BreakableName name={e.hypothesisName} />
                    )}
                    <TrialRiskRewardBadge entry={e} runs={runs} />
                  </td>
                  <td>{e.timeframe}</td>
                  <td>{e.symbol}</td>
                  <td className="num">{formatNumber(e.composite.score, 3)}</td>
                  <td className="num">{formatPercent(e.composite.confidence, 0)}</td>
                  <td className="num">{formatPercent(e.expectedAccuracy, 0)}</td>
                  <td className="nowrap">
                    {formatPercent(e.measuredWinRate)} {e.winRateWilson ? <span className="muted small">[{formatPercent(e.winRateWilson.lower)}, {formatPercent(e.winRateWilson.upper)}]</span> : null}
                  </td>
                  <td>{e.expectedAccuracyVerdict ? <VerdictBadge value={e.expectedAccuracyVerdict} /> : "—"}</td>
                  <td className="nowrap small">
                    {pf ? `${pf.lowerUnbounded ? "∞" : formatNumber(pf.lower)} – ${pf.upperUnbounded ? "∞" : formatNumber(pf.upper)}` : "—"}
                  </td>
                  <td>
                    <VerdictBadge value={e.overall} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted small" data-testid="ranking-note">
        Score = confidence × weighted margins over the thresholds ({WEIGHTS}); each margin is clamped to ±2 and 0 means exactly at the threshold. A high rank is not a pass.
      </p>
      <p className="muted small" data-testid="confidence-note">
        <strong>Confidence</strong> = n / (n + {minTrades}), where n is the trial&apos;s number of trades over the whole period and {minTrades} the minimum a segment needs: 50% at{" "}
        {minTrades} trades, 75% at {3 * minTrades}, approaching 100% with many. It is a sample-size weight, not a probability that the edge is real: it shrinks the score of a
        handful of lucky trades toward 0 so they cannot out-rank a steady edge measured on hundreds.
      </p>
    </section>
  );
}
