import { COMPOSITE_WEIGHTS } from "@/lib/analysis/composite-score";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { formatNumber, formatPercent } from "@/lib/format";
import { TrialRiskRewardBadge, type TrialRuns } from "./trial-risk-reward-badge";
import { VerdictBadge } from "./verdict-badge";

const RANKING_SHOWN = 25;

/** The score's weights as the footnote spells them, read from the scoring itself so the two cannot disagree. */
const WEIGHTS = [
  `win rate ${formatPercent(COMPOSITE_WEIGHTS.winRate, 0)}`,
  `PF ${formatPercent(COMPOSITE_WEIGHTS.profitFactor, 0)}`,
  `Sharpe ${formatPercent(COMPOSITE_WEIGHTS.sharpe, 0)}`,
  `deflated Sharpe ${formatPercent(COMPOSITE_WEIGHTS.deflatedSharpe, 0)}`,
].join(", ");

/** The best-ranked trials by composite score, with the claim check and the bootstrap interval of their profit factor. */
export function RankingSection({ entries, minTrades, runs }: { entries: readonly EdgeReportEntry[]; minTrades: number; runs: TrialRuns }) {
  return (
    <section className="panel" data-testid="ranking">
      <h2>
        Ranking by composite score <span className="muted">top {Math.min(RANKING_SHOWN, entries.length)} of {entries.length}</span>
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
              <th className="num">Confidence</th>
              <th className="num">Claimed win rate</th>
              <th>Measured (95% Wilson)</th>
              <th>Claim</th>
              <th>Bootstrap PF (95%)</th>
              <th>Overall</th>
            </tr>
          </thead>
          <tbody>
            {entries.slice(0, RANKING_SHOWN).map((e) => {
              const pf = e.bootstrap.profitFactor;
              return (
                <tr key={`${e.hypothesisId}-${e.symbol}`} data-testid="ranking-row">
                  <td className="num">{e.rank}</td>
                  <td>
                    {e.hypothesisName}
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
      <p className="muted small">
        Score = n/(n + {minTrades}) × weighted margins over the thresholds ({WEIGHTS}). A high rank is not a pass.
      </p>
    </section>
  );
}
