import { z } from "zod";
import type { Database } from "@/db/client";
import { latestBatch } from "@/db/queries/backtests";
import { candleCoverage } from "@/db/queries/candles";
import type { AppConfig } from "@/lib/config-schema";
import { QUICK_PIPELINE_DAYS } from "@/lib/contract/pipeline-scope";
import { epochMsSchema } from "@/lib/market/epoch-ms";
import { instrumentListSchema } from "@/lib/market/instruments";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import { parseHypothesesFile, type Hypothesis } from "@/lib/signals/hypothesis";
import { fetchMarketData } from "./fetch-market-data";
import { generateMarketData, SYNTHETIC_DEFAULT_END } from "./generate-market-data";
import type { ProgressReporter } from "./progress-reporter";
import { backtestParamsSchema, runBacktests } from "./run-backtests";
import { runAnalysis, type AnalysisReport } from "./run-analysis";
import { runDiscovery } from "./run-discovery";
import { runLearning } from "./run-learning";
import { runFinalReport } from "./run-final-report";

export const PIPELINE_MODES = ["discovery", "backtest", "learning", "analysis", "full"] as const;
export type PipelineMode = (typeof PIPELINE_MODES)[number];

export const pipelineParamsSchema = z
  .strictObject({
    mode: z.enum(PIPELINE_MODES).default("full"),
    quick: z.boolean().default(false),
    /** Use what is stored; when nothing is, generate the synthetic market (seed 42) instead of fetching. */
    noFetch: z.boolean().default(false),
    /** Learn variants from the backtest (meta-labels, ensembles, tuning) in `full` mode; off keeps the plain trials only. */
    learn: z.boolean().default(true),
    symbols: instrumentListSchema.optional(),
    fromMs: epochMsSchema.optional(),
    toMs: epochMsSchema.optional(),
    /** A hypotheses file's text (same shape as the discovery file), tested instead of the catalog; `path` only names it. */
    hypothesesFile: z.strictObject({ path: z.string().max(500), text: z.string() }).optional(),
  })
  .refine((p) => p.fromMs === undefined || p.toMs === undefined || p.fromMs < p.toMs, { message: "from must be before to", path: ["toMs"] });
export type PipelineParams = z.infer<typeof pipelineParamsSchema>;

export interface PhaseReport {
  phase: string;
  durationMs: number;
  summary: Record<string, unknown>;
}

/**
 * The research workflow, phase by phase: data → discovery → backtest → learning (learned variants, one more trial
 * each) → analysis (edge, cross-timeframe, funding) →
 * final report. Each phase reports progress through `progress`
 * and `say`, and can be run alone with `mode`.
 */
export async function runPipeline(
  db: Database,
  config: AppConfig,
  params: PipelineParams,
  io: {
    progress: (phase: string) => ProgressReporter;
    say: (line: string) => Promise<void> | void;
    queueUrl: string;
    jobId?: string;
    signal?: AbortSignal;
    /** Where the data phase fetches from: the operator's setting (EXCHANGE_BASE_URL), never a parameter. */
    exchangeBaseUrl?: string;
    /** The folder the results files go under (its `results/`); the working directory by default. */
    resultsDir?: string;
  },
): Promise<PhaseReport[]> {
  const symbols = params.symbols ?? config.instruments;
  const reports: PhaseReport[] = [];
  const phase = async (name: string, body: () => Promise<Record<string, unknown>>) => {
    const started = performance.now();
    const summary = await body();
    const report = { phase: name, durationMs: Math.round(performance.now() - started), summary };
    reports.push(report);
    await io.say(`${name}: ${Object.entries(summary).map(([k, v]) => `${k} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`).join(", ")} (${(report.durationMs / 1000).toFixed(1)} s)`);
  };

  if (params.mode === "full") {
    await phase("data", async () => {
      const stored = new Set((await candleCoverage(db)).map((c) => c.symbol));
      const missing = symbols.filter((s) => !stored.has(s));
      if (params.noFetch) {
        if (missing.length === 0) return { source: "stored", instruments: symbols.length };
        const months = params.quick ? 1 : config.dataLookbackMonths;
        const report = await generateMarketData(db, { seed: 42, months, symbols: missing, endMs: SYNTHETIC_DEFAULT_END }, io.progress("data"));
        return { source: `synthetic (seed 42, ${months} months)`, generated: missing, candles1m: report.instruments.reduce((n, i) => n + i.candles1m, 0) };
      }
      const report = await fetchMarketData(db, { exchange: "krakenfutures", symbols, timeframes: ["1m", ...config.timeframes], months: config.dataLookbackMonths, funding: true }, io.progress("data"), { log: async (m) => io.say(`  ${m}`), exchangeBaseUrl: io.exchangeBaseUrl });
      return { source: "krakenfutures", candles: report.series.reduce((n, s) => n + s.written, 0) };
    });
  }

  let hypotheses: Hypothesis[] | undefined;
  let batchId: string | undefined;
  if (params.mode === "discovery" || params.mode === "full") {
    await phase("discovery", async () => {
      const report = await runDiscovery(db, config, { quick: params.quick, hypothesesFile: params.hypothesesFile, resultsDir: io.resultsDir });
      hypotheses = report.hypotheses;
      return { hypotheses: report.hypotheses.length, perTimeframe: report.perTimeframe, file: report.file };
    });
  }

  if (params.mode === "backtest" || params.mode === "full") {
    await phase("backtest", async () => {
      const selected = hypotheses ?? (params.hypothesesFile ? parseHypothesesFile(params.hypothesesFile.text, config.minRiskReward) : params.quick ? discoverHypotheses(config, { quick: true }) : undefined);
      const latest = Math.max(...(await candleCoverage(db)).filter((c) => symbols.includes(c.symbol)).map((c) => c.last));
      const fromMs = params.fromMs ?? (params.quick && Number.isFinite(latest) ? latest - QUICK_PIPELINE_DAYS * 86_400_000 : undefined);
      const backtestParams = backtestParamsSchema.parse({ label: `pipeline ${params.mode}${params.quick ? " (quick)" : ""}`, symbols, fromMs, toMs: params.toMs });
      const report = await runBacktests(db, config, backtestParams, { progress: io.progress("backtest"), hypotheses: selected, jobId: io.jobId, queueUrl: io.queueUrl, signal: io.signal, resultsDir: io.resultsDir });
      batchId = report.batchId;
      return { runs: report.totals.runs, trades: report.totals.trades, file: report.file };
    });
  }

  if (params.mode === "learning" || (params.mode === "full" && params.learn)) {
    await phase("learning", async () => {
      const target = batchId ?? (await latestBatch(db))?.id;
      if (!target) throw new Error("No finished backtest to learn from: run the backtest phase first (npm run pipeline -- --mode backtest)");
      const report = await runLearning(db, config, { batchId: target, progress: io.progress("learning") });
      batchId = target;
      const byKind = new Map<string, number>();
      for (const v of report.variants) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1);
      return { variants: report.variants.length, kinds: [...byKind].map(([kind, n]) => `${kind} ${n}`).join(", ") || "none", skipped: report.skipped.reduce((n, s) => n + s.count, 0) };
    });
  }

  if (params.mode === "analysis" || params.mode === "full") {
    let analysis: Omit<AnalysisReport, "file"> | undefined;
    await phase("analysis", async () => {
      const report = await runAnalysis(db, config, { batchId, quick: params.quick, progress: io.progress("analysis"), resultsDir: io.resultsDir });
      analysis = report;
      const passed = report.edge.entries.filter((e) => e.overall === "pass").length;
      const better = report.crossTimeframe.filter((c) => c.comparison.verdict === "better").length;
      return { trials: report.edge.trials, passed, crossTimeframeBetter: `${better}/${report.crossTimeframe.length}`, file: report.file };
    });
    await phase("report", async () => {
      if (!analysis) throw new Error("the analysis phase produced no report");
      const { file, body } = await runFinalReport(db, config, { phases: reports.map((r) => ({ phase: r.phase, durationMs: r.durationMs })), analysis, quick: params.quick, resultsDir: io.resultsDir });
      const plan = body.recommendations as { summary: string };
      return { file, recommendation: plan.summary };
    });
  }
  return reports;
}
