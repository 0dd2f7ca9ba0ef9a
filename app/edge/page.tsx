import Link from "next/link";
import { Suspense } from "react";
import "../research.css";
import { getDatabase } from "@/db/connection";
import { listRuns } from "@/db/queries/backtests";
import { listHypotheses } from "@/db/queries/hypotheses";
import { asAnalysis } from "@/db/queries/report-body";
import { latestReport } from "@/db/queries/research-reports";
import { toRunSummary } from "@/db/queries/run-json";
import { CROSS_INSTRUMENT_PAGE, CrossInstrumentSection } from "@/components/edge/cross-instrument-section";
import { CROSS_TIMEFRAME_PAGE, CrossTimeframeSection } from "@/components/edge/cross-timeframe-section";
import { LEARNED_PAGE, LearnedVariantsSection } from "@/components/edge/learned-variants-section";
import { ParameterHeatmapSection } from "@/components/edge/parameter-heatmap-section";
import { RankingSection } from "@/components/edge/ranking-section";
import { ThresholdsSection } from "@/components/edge/thresholds-section";
import { trialKey } from "@/components/edge/trial-risk-reward-badge";
import { trialsCsv } from "@/components/edge/trials-csv";
import { TrialsSection } from "@/components/edge/trials-section";
import { VerdictSection } from "@/components/edge/verdict-section";
import { PipelineButton } from "@/components/jobs/pipeline-button";
import { EmptyState } from "@/components/layout/empty-state";
import { QuickReportBadge } from "@/components/layout/quick-report-badge";
import { PageHeader } from "@/components/layout/page-header";
import { TableFilterBar } from "@/components/tables/table-filter-bar";
import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import { parameterHeatmaps } from "@/lib/analysis/parameter-heatmap";
import { getConfig } from "@/lib/config";
import { isQuickReport } from "@/lib/contract/pipeline-scope";
import { walkForwardSettingsOf } from "@/lib/contract/reports";
import { matchesTableQuery, pageOf, parseTableQuery } from "@/lib/contract/table-query";
import { formatUtc } from "@/lib/format";
import { pipelineScope } from "@/lib/jobs/pipeline-scope";
import { compareTimeframes } from "@/lib/market/timeframe";

export const dynamic = "force-dynamic";


/** JSON with sorted keys: the store's jsonb does not keep key order, so plain JSON text would differ for equal objects. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    return `{${Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Trials in timeframe (bar length), then name, then instrument order. */
const byTimeframeThenName = (a: EdgeReportEntry, b: EdgeReportEntry) => compareTimeframes(a.timeframe, b.timeframe) || a.hypothesisName.localeCompare(b.hypothesisName) || a.symbol.localeCompare(b.symbol);

export default async function EdgePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const query = parseTableQuery(params);
  const { db } = await getDatabase();
  const row = await latestReport(db, "edge_analysis");
  const analysis = row ? asAnalysis(row.body) : null;
  if (!row || !analysis) {
    return (
      <>
        <PageHeader title="Edge" subtitle="Which hypotheses pass the thresholds in and out of sample." />
        <EmptyState title="No edge analysis yet">
          <p>
            The analysis judges every backtested hypothesis × instrument against the thresholds, in sample and out of sample, with a deflated Sharpe over all
            trials. It needs market data, hypotheses and a backtest first; the pipeline does all of it (with no data stored it generates the synthetic market).
          </p>
          <Suspense fallback={null}>
            <PipelineButton scope={pipelineScope(getConfig())} />
          </Suspense>
        </EmptyState>
      </>
    );
  }
  const { edge, crossTimeframe } = analysis;
  const config = getConfig();
  const wf = walkForwardSettingsOf(edge);
  const configChanged = stableJson(config.edgeThresholds) !== stableJson(edge.thresholds) || stableJson(config.walkForward) !== stableJson(wf);
  const timeframes = [...new Set(edge.entries.map((e) => e.timeframe))].sort(compareTimeframes);
  const symbols = [...new Set(edge.entries.map((e) => e.symbol))].sort();
  // The analysed batch's runs: each trial links to its run, and they say which tested exits below the minimum reward:risk.
  const [runRows, hypotheses] = await Promise.all([listRuns(db, analysis.batchId), listHypotheses(db, [...new Set(edge.entries.map((e) => e.hypothesisId))])]);
  const runs = new Map(runRows.map((r) => [trialKey(r.hypothesisId, r.symbol), toRunSummary(r)]));
  const period = edge.entries[0];
  // Only the trials the filters let through, and of those one page, are rendered: the whole report is megabytes of HTML.
  const filtered = edge.entries.filter((e) => matchesTableQuery({ name: e.hypothesisName, timeframe: e.timeframe, symbol: e.symbol, verdict: e.overall }, query)).sort(byTimeframeThenName);
  const shown = pageOf(filtered, query.page);
  const csv = trialsCsv(filtered, (e) => runs.get(trialKey(e.hypothesisId, e.symbol))?.id);
  // The cross sections follow the same filters; their own verdicts are not the edge verdict, so that filter is left out.
  const byName = { ...query, verdict: "" as const };
  const timeframeOf = new Map(edge.entries.map((e) => [e.hypothesisId, e.timeframe]));
  const crossInstrument = edge.crossInstrument.filter((c) => matchesTableQuery({ name: c.hypothesisName, timeframe: timeframeOf.get(c.hypothesisId) ?? "", symbol: query.symbol /* a row covers every instrument */ }, byName));
  const crossTimeframeShown = crossTimeframe.filter((c) => matchesTableQuery({ name: c.hypothesisName, timeframe: c.timeframe, symbol: c.symbol }, byName)).sort((a, b) => compareTimeframes(a.timeframe, b.timeframe));
  const heatmaps = parameterHeatmaps(
    // A learned variant trades its base's rules (or a member's): it would sit in its family as a copy of a cell.
    hypotheses.filter((h) => !h.learned).map((h) => ({ id: h.id, name: h.name, timeframe: h.timeframe, direction: h.direction, rules: [...h.entryConditions, h.stopLoss, h.target] })),
    edge.entries.map((e) => ({ hypothesisId: e.hypothesisId, symbol: e.symbol, trades: e.outOfSample.metrics.trades, profitFactor: e.outOfSample.metrics.profitFactor, profitFactorUnbounded: e.outOfSample.metrics.profitFactorUnbounded })),
  )
    .filter((m) => (query.tf === "" || m.timeframe === query.tf) && (query.symbol === "" || m.symbol === query.symbol) && (query.q === "" || m.cells.some((c) => c.hypothesisName.toLowerCase().includes(query.q.toLowerCase()))))
    .sort((a, b) => compareTimeframes(a.timeframe, b.timeframe));

  return (
    <>
      <PageHeader title="Edge" subtitle={`Latest analysis, ${formatUtc(row.createdAt.getTime())}, of batch ${analysis.batchId.slice(0, 8)}.`}>
        {isQuickReport(analysis) ? <QuickReportBadge /> : null}
        <Suspense fallback={null}>
          <PipelineButton label="Run the pipeline again" scope={pipelineScope(config)} />
        </Suspense>
      </PageHeader>
      <VerdictSection edge={edge} />
      <ThresholdsSection thresholds={edge.thresholds} configChanged={configChanged} />
      <Suspense fallback={null}>
        <TableFilterBar label="Filter the trials" timeframes={timeframes} symbols={symbols} serverSide />
      </Suspense>
      <TrialsSection edge={edge} entries={filtered} rows={shown.rows} page={shown.page} pages={shown.pages} gate={wf?.gate ?? null} runs={runs} csv={csv} />
      <ParameterHeatmapSection maps={heatmaps} thresholds={edge.thresholds} runs={runs} />
      {analysis.learning ? (
        <LearnedVariantsSection
          learning={analysis.learning}
          {...pageOf(analysis.learning.variants.filter((v) => matchesTableQuery({ name: v.variantName, timeframe: v.timeframe, symbol: v.symbol }, byName)), parseTableQuery(params, LEARNED_PAGE).page)}
          entries={new Map(edge.entries.map((e) => [trialKey(e.hypothesisId, e.symbol), e]))}
          runs={runs}
        />
      ) : null}
      <RankingSection entries={filtered} total={edge.entries.length} minTrades={edge.thresholds.minTrades} runs={runs} />
      <div className="stack">
        <CrossInstrumentSection crossInstrument={crossInstrument} {...pageOf(crossInstrument, parseTableQuery(params, CROSS_INSTRUMENT_PAGE).page)} />
        <CrossTimeframeSection crossTimeframe={crossTimeframeShown} {...pageOf(crossTimeframeShown, parseTableQuery(params, CROSS_TIMEFRAME_PAGE).page)} />
      </div>
      <p className="muted small">
        Backtests behind this analysis: <Link href="/backtests">Backtests</Link>. Analysis periods: {period ? `${formatUtc(period.fromTime)} → ${formatUtc(period.toTime)}` : "—"}.
      </p>
    </>
  );
}
