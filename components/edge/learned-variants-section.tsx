import Link from "next/link";
import { Suspense } from "react";
import { TablePager } from "@/components/tables/table-pager";
import { BreakableName } from "@/components/layout/breakable-name";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { LearnedVariantRow, LearningReport } from "@/lib/learning/learning-report";
import type { OutOfSampleStats } from "@/lib/learning/meta-label-report";
import { formatNumber, formatPercent, formatProfitFactor, formatUtcDay } from "@/lib/format";
import { trialKey } from "./trial-risk-reward-badge";
import { VerdictBadge } from "./verdict-badge";

/** The page key of this table's pager in the URL. */
export const LEARNED_PAGE = "page_learned";

const KIND_LABEL: Record<LearnedVariantRow["kind"], string> = { meta_label: "meta-label", vote: "vote", stacked: "stacked", tuned: "tuned" };

const pf = (s: OutOfSampleStats) => formatProfitFactor(s.profitFactor, s.profitFactorUnbounded);
const usdt = (n: number) => `${n >= 0 ? "+" : "−"}${Math.abs(n).toLocaleString("en-US", { maximumFractionDigits: 0 })}`;

/** Whether the variant beat its plain side out of sample on net PnL: the first question a trader asks of it. */
const better = (r: LearnedVariantRow) => r.variantStats.netPnl > r.plainStats.netPnl;

function Importances({ row }: { row: LearnedVariantRow }) {
  const list = row.importances ?? [];
  const top = Math.max(...list.map((i) => i.importance), 1e-12);
  return (
    <div>
      <h4>Feature importance (mean over {row.versions} versions)</h4>
      <ul className="bar-list" data-testid="feature-importances">
        {list.slice(0, 8).map((i) => (
          <li key={i.feature}>
            <span className="mono small">{i.feature}</span>
            <span className="bar" style={{ width: `${Math.max(0, (i.importance / top) * 100)}%` }} />
            <span className="num small">{formatNumber(i.importance, 3)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Calibration({ row }: { row: LearnedVariantRow }) {
  const bins = (row.calibration ?? []).filter((b) => b.n > 0);
  return (
    <div>
      <h4>Calibration out of sample</h4>
      {bins.length === 0 ? (
        <p className="muted small">No plain trade out of sample to compare predictions with.</p>
      ) : (
        <table className="data compact" data-testid="calibration">
          <thead>
            <tr>
              <th>P(win) predicted</th>
              <th className="num">Trades</th>
              <th className="num">Predicted</th>
              <th className="num">Realised</th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.from}>
                <td className="nowrap">
                  {formatPercent(b.from, 0)}–{formatPercent(b.to, 0)}
                </td>
                <td className="num">{b.n}</td>
                <td className="num">{formatPercent(b.meanProbability)}</td>
                <td className="num">{formatPercent(b.winRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function TuningWindows({ row }: { row: LearnedVariantRow }) {
  return (
    <div>
      <h4>Walk-forward choices</h4>
      <p className="small">
        In-sample → out-of-sample Sharpe, mean over windows: {formatNumber(row.degradation?.inSampleMean)} → {formatNumber(row.degradation?.outOfSampleMean)}
        {row.pbo ? ` · PBO of the family ${formatPercent(row.pbo.pbo)} (${row.pbo.trials} members, ${row.pbo.days} days)` : " · PBO: too few common days"}
      </p>
      <table className="data compact" data-testid="tuning-windows">
        <thead>
          <tr>
            <th>Chosen on</th>
            <th>Traded</th>
            <th>Member</th>
            <th className="num">Sharpe in → out</th>
          </tr>
        </thead>
        <tbody>
          {(row.windows ?? []).map((w) => (
            <tr key={w.from}>
              <td className="nowrap small">
                {formatUtcDay(w.chosenFrom)} → {formatUtcDay(w.from)}
              </td>
              <td className="nowrap small">
                {formatUtcDay(w.from)} → {formatUtcDay(w.to)}
              </td>
              <td className="name-cell small">
                <BreakableName name={w.chosenName} />
              </td>
              <td className="num nowrap">
                {formatNumber(w.inSampleSharpe)} → {formatNumber(w.outOfSampleSharpe)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Every learned variant beside what it learned from, over the variant's own out-of-sample period, with its own edge
 * verdict (it is one more trial of the analysis, counted by the deflated Sharpe).
 */
export function LearnedVariantsSection({
  learning,
  rows,
  page,
  pages,
  entries,
  runs,
}: {
  learning: LearningReport;
  /** One page of the variants the filters let through. */
  rows: readonly LearnedVariantRow[];
  page: number;
  pages: number;
  entries: ReadonlyMap<string, EdgeReportEntry>;
  runs: ReadonlyMap<string, { id: string }>;
}) {
  const all = learning.variants;
  const passing = all.filter((r) => entries.get(trialKey(r.variantId, r.symbol))?.overall === "pass").length;
  const improved = all.filter(better).length;
  const skipped = learning.skipped.reduce((n, s) => n + s.count, 0);
  return (
    <section className="panel" data-testid="learned-variants">
      <h2>
        Learned variants <span className="muted">{all.length} trials</span>
      </h2>
      <p className="small" data-testid="learning-summary">
        {all.length === 0
          ? "The learning phase made no variant: no run had enough trades to learn from."
          : `${improved} of ${all.length} variants made more net PnL than what they learned from over the same out-of-sample period; ${passing} pass the edge gate (the deflated Sharpe counts every variant as a trial).`}{" "}
        {skipped > 0 ? `${skipped} runs were not learned from (${learning.skipped.map((s) => `${s.count} ${s.reason}`).join(", ")}).` : null}
        {learning.tuningSearch ? ` PBO of the whole tuning search: ${formatPercent(learning.tuningSearch.pbo)} over ${learning.tuningSearch.trials} members.` : null}
      </p>
      {all.length > 0 ? (
        <div className="table-scroll">
          <table className="data compact">
            <thead>
              <tr>
                <th>Variant</th>
                <th>Learned from</th>
                <th>Instrument</th>
                <th>Out of sample</th>
                <th className="num">Trades plain → variant</th>
                <th className="num">Win rate</th>
                <th className="num">Net PnL (USDT)</th>
                <th className="num">PF</th>
                <th>Verdict</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const entry = entries.get(trialKey(r.variantId, r.symbol));
                const run = runs.get(trialKey(r.variantId, r.symbol));
                return (
                  <tr key={`${r.variantId}-${r.symbol}`} data-testid="learned-variant-row" data-kind={r.kind} data-better={better(r)}>
                    <td className="name-cell">
                      <span className="badge">{KIND_LABEL[r.kind]}</span> {run ? <Link href={`/backtests/${run.id}`}><BreakableName name={r.variantName} /></Link> : <BreakableName name={r.variantName} />}{" "}
                      <span className="muted small">{r.timeframe}</span>
                      {r.kind !== "vote" ? (
                        <details className="learned-details">
                          <summary className="small">{r.kind === "tuned" ? "windows" : "model"}</summary>
                          {r.kind === "tuned" ? (
                            <TuningWindows row={r} />
                          ) : (
                            <div className="learned-model">
                              <Importances row={r} />
                              <Calibration row={r} />
                              <p className="muted small">Thresholds chosen in training (out-of-bag): {(r.thresholds ?? []).map((t) => formatNumber(t)).join(", ")}.</p>
                            </div>
                          )}
                        </details>
                      ) : null}
                    </td>
                    <td className="small">
                      {r.plain.length > 1 ? `${r.plain.length}: ` : null}
                      {r.plain.map((p) => p.name).join(", ")}
                    </td>
                    <td>{r.symbol}</td>
                    <td className="nowrap small">
                      {formatUtcDay(r.from)} → {formatUtcDay(r.to)}
                    </td>
                    <td className="num nowrap">
                      {r.plainStats.trades} → {r.variantStats.trades}
                    </td>
                    <td className="num nowrap">
                      {formatPercent(r.plainStats.winRate)} → {formatPercent(r.variantStats.winRate)}
                    </td>
                    <td className={`num nowrap ${better(r) ? "pos" : "neg"}`}>
                      {usdt(r.plainStats.netPnl)} → {usdt(r.variantStats.netPnl)}
                    </td>
                    <td className="num nowrap">
                      {pf(r.plainStats)} → {pf(r.variantStats)}
                    </td>
                    <td>{entry ? <VerdictBadge value={entry.overall} /> : <span className="muted">—</span>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <Suspense fallback={null}>
        <TablePager page={page} pages={pages} pageKey={LEARNED_PAGE} serverSide />
      </Suspense>
      <p className="muted small">
        A meta-label variant takes its hypothesis&apos;s entries only where a random forest trained walk-forward on earlier trades (purged and embargoed by the holding
        period) gives P(win) above a threshold chosen in training; an ensemble votes or stacks the best in-sample hypotheses of one instrument and timeframe; a tuned
        variant trades, in each window, the family member that was best on the window before. Each is compared with what it learned from over its own out-of-sample
        period only.
      </p>
    </section>
  );
}
