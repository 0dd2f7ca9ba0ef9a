import type { Database } from "@/db/client";
import { getBatch, insertRuns, listRuns, type RunRow } from "@/db/queries/backtests";
import { listHypotheses, upsertHypotheses } from "@/db/queries/hypotheses";
import { appendLearnedModels, deleteLearnedOfBatch } from "@/db/queries/learned-models";
import { saveReport } from "@/db/queries/research-reports";
import type { Trade } from "@/lib/backtest/types";
import type { AppConfig } from "@/lib/config-schema";
import { backtestSettingsFromConfig } from "@/lib/hypothesis-runs/backtest-settings";
import { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import { runLeg, type HypothesisRun } from "@/lib/hypothesis-runs/run-hypotheses";
import { ensembleMembers } from "@/lib/learning/ensemble-members";
import { ensembleVariant, metaLabelVariant } from "@/lib/learning/ensembles";
import { gatedLeg, learnedInputs, learnedLeg } from "@/lib/learning/learned-leg";
import { legFrom } from "@/lib/learning/leg-from";
import type { LearnedVariantRow, LearningReport } from "@/lib/learning/learning-report";
import { metaLabelWalkForward } from "@/lib/learning/meta-label";
import { DEFAULT_META_LABEL } from "@/lib/learning/meta-label-options";
import type { ModelVersion } from "@/lib/learning/model-version";
import { learnedVariantRow } from "@/lib/learning/learned-variant-row";
import { searchOverfitting, walkForwardTuning, type TuningMember, type TuningResult } from "@/lib/learning/parameter-tuning";
import { tunedRun } from "@/lib/learning/tuned-run";
import { tuningFamilies } from "@/lib/learning/tuning-families";
import { tunedVariant } from "@/lib/learning/tuning-variant";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { requiredTimeframes } from "./backtest-tasks/backtest-task-params";
import { loadMarketBundle } from "./load-market-bundle";
import type { ProgressReporter } from "./progress-reporter";


/** A variant's run and models as stored: its hypothesis row, its run in the batch, its walk-forward versions. */
interface LearnedResult {
  readonly variant: Hypothesis;
  readonly run: HypothesisRun;
  readonly versions: readonly ModelVersion[];
  readonly row: LearnedVariantRow;
  readonly tuning?: TuningResult;
}

/** Each window's choice of a tuned variant as a model version: chosen on [from, to), traded from `to`. */
const tuningRows = (batchId: string, tuned: TuningResult) =>
  [...tuned.windows, tuned.currentChoice].map((w) => ({
    kind: "tuned" as const,
    validFrom: w.to,
    trainFrom: w.from,
    trainTo: w.to,
    features: [],
    params: { chosenId: w.chosenId, metric: "sharpe" },
    model: { chosenId: w.chosenId, chosenName: w.chosenName },
    metrics: { inSample: w.inSample, ...("outOfSample" in w ? { outOfSample: w.outOfSample } : {}) },
    batchId,
  }));

interface PlainRun {
  readonly hypothesis: Hypothesis;
  readonly run: HypothesisRun;
}

const modelRow = (kind: "meta_label" | "stacked", batchId: string, v: ModelVersion) => ({
  kind,
  validFrom: v.validFrom,
  trainFrom: v.trainFrom,
  trainTo: v.trainTo,
  features: [...v.features],
  params: { threshold: v.threshold, options: v.options },
  model: v.model,
  metrics: v.metrics,
  batchId,
});

/**
 * The learning phase of a backtest batch: for each stored run with enough trades, a meta-labelled variant (a random
 * forest trained walk-forward, purged and embargoed, gating the run's entries); for each instrument × timeframe ×
 * direction, a vote and a stacked ensemble of the hypotheses best in sample; for each family of parameters, the
 * walk-forward tuned choice. Every variant is backtested by the same engine on the same data and stored as one more
 * run of the batch, so the edge analysis counts it as a trial; its models are stored versioned.
 */
export async function runLearning(db: Database, config: AppConfig, options: { batchId: string; progress: ProgressReporter; say?: (line: string) => Promise<void> | void }): Promise<LearningReport> {
  const started = performance.now();
  const batch = await getBatch(db, options.batchId);
  if (!batch) throw new Error(`no backtest batch ${options.batchId} to learn from`);
  const settings = backtestSettingsFromConfig(config);
  const batchRange = batch.settings as { fromMs?: number; toMs?: number };
  const stored = (await listRuns(db, batch.id)).filter((r): r is RunRow & { hypothesisId: string } => r.kind === "single" && r.hypothesisId !== null);
  const known = await listHypotheses(db, [...new Set(stored.map((r) => r.hypothesisId))]);
  const plainHypotheses = new Map(known.filter((h) => h.source !== "learned" && !h.learned).map((h) => [h.id, h]));
  const runs = stored.filter((r) => plainHypotheses.has(r.hypothesisId));
  const symbols = [...new Set(runs.map((r) => r.symbol))].sort();
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const learnedIds = new Set(known.filter((h) => h.source === "learned" || h.learned).map((h) => h.id));
  for (const r of stored) if (!plainHypotheses.has(r.hypothesisId) && !learnedIds.has(r.hypothesisId)) skip("hypothesis not stored");
  const results: LearnedResult[] = [];
  const tuningFamiliesSeen: TuningMember[][] = [];

  let done = 0;
  const total = runs.length + symbols.length;
  for (const symbol of symbols) {
    const ofSymbol = runs.filter((r) => r.symbol === symbol);
    const hypotheses = ofSymbol.flatMap((r) => plainHypotheses.get(r.hypothesisId) ?? []);
    const timeframes = [...new Set([...requiredTimeframes(hypotheses), "1m" as const, "30m" as const])];
    const bundle = await loadMarketBundle(db, symbol, timeframes, { fromMs: batchRange.fromMs, toMs: batchRange.toMs });
    const cache = new ResearchCache(config.regime);
    const plain: PlainRun[] = [];

    for (const h of hypotheses) {
      await options.progress(done++, total, `${symbol}: meta-labelling ${h.name}`);
      const inputs = learnedInputs(h, bundle, cache, settings);
      const run = runLeg(h, symbol, inputs.leg, settings);
      plain.push({ hypothesis: h, run });
      const learned = metaLabelWalkForward({ leg: inputs.leg, trades: inputs.plainTrades, features: inputs.features });
      if (learned.kind === "skipped") {
        skip(learned.labels < DEFAULT_META_LABEL.minLabels ? `fewer than ${DEFAULT_META_LABEL.minLabels} trades to learn from` : learned.reason);
        continue;
      }
      const variant = metaLabelVariant(h);
      const variantRun = runLeg(variant, symbol, legFrom(gatedLeg(inputs, learned.versions), learned.oosFrom), settings);
      results.push({ variant, run: variantRun, versions: learned.versions, row: learnedVariantRow({ variant, symbol, plain: [h], plainTrades: inputs.plainTrades, variantRun, meta: { result: learned, labels: inputs.plainTrades } }) });
    }

    await options.progress(done++, total, `${symbol}: ensembles and tuning`);
    const byId = new Map(plain.map((p) => [p.hypothesis.id, p.hypothesis]));
    const candidates = plain.map((p) => ({ hypothesisId: p.hypothesis.id, timeframe: p.hypothesis.timeframe, direction: p.hypothesis.direction, symbol, fromTime: p.run.fromTime, toTime: p.run.toTime, trades: p.run.trades }));
    for (const group of ensembleMembers(candidates)) {
      const members = group.members.flatMap((m) => byId.get(m.hypothesisId) ?? []);
      if (members.length < 2) continue;
      const vote = ensembleVariant(members, "vote", 2);
      const voteRun = runLeg(vote, symbol, learnedLeg(vote, bundle, cache), settings);
      results.push({ variant: vote, run: voteRun, versions: [], row: learnedVariantRow({ variant: vote, symbol, plain: members, plainTrades: tradesOf(plain, members[0]), variantRun: voteRun }) });

      const stacked = ensembleVariant(members, "stacked");
      const inputs = learnedInputs(stacked, bundle, cache, settings);
      const learned = metaLabelWalkForward({ leg: inputs.leg, trades: inputs.plainTrades, features: inputs.features });
      if (learned.kind === "skipped") {
        skip(learned.labels < DEFAULT_META_LABEL.minLabels ? `stacked ensemble with fewer than ${DEFAULT_META_LABEL.minLabels} trades` : `stacked ensemble: ${learned.reason}`);
        continue;
      }
      const stackedRun = runLeg(stacked, symbol, legFrom(gatedLeg(inputs, learned.versions), learned.oosFrom), settings);
      results.push({ variant: stacked, run: stackedRun, versions: learned.versions, row: learnedVariantRow({ variant: stacked, symbol, plain: members, plainTrades: tradesOf(plain, members[0]), variantRun: stackedRun, meta: { result: learned, labels: inputs.plainTrades } }) });
    }

    for (const { members: family } of tuningFamilies(hypotheses)) {
      const members = family.flatMap((h) => plain.find((p) => p.hypothesis.id === h.id) ?? []);
      const tuningMembers = members.map((p) => ({ hypothesis: p.hypothesis, trades: p.run.trades, equity: p.run.equity, fromTime: p.run.fromTime, toTime: p.run.toTime, startingEquity: settings.startingEquity }));
      tuningFamiliesSeen.push(tuningMembers);
      const tuned = walkForwardTuning(tuningMembers);
      // The member a paper account would trade next: the newest window's choice, or the last one made.
      const current = tuned ? [tuned.currentChoice, ...[...tuned.windows].reverse()].find((c) => c.chosenId !== null)?.chosenId : undefined;
      if (!tuned || !current) {
        skip("tuning family with too few trades per window");
        continue;
      }
      const variant = tunedVariant(family, current);
      const run = tunedRun(variant, symbol, tuned, settings);
      results.push({ variant, run, versions: [], tuning: tuned, row: learnedVariantRow({ variant, symbol, plain: family, plainTrades: tradesOf(plain, family.find((h) => h.id === tuned.windows[0]?.chosenId)), variantRun: run, tuning: tuned }) });
    }
  }

  await options.progress(total, total, "storing learned variants");
  await db.transaction(async (tx) => {
    // Learning again on a batch replaces what it learned there before: a variant is one trial of the batch, not two.
    await deleteLearnedOfBatch(tx, batch.id);
    await upsertHypotheses(tx, [...new Map(results.map((r) => [r.variant.id, r.variant])).values()], "learned");
    await insertRuns(
      tx,
      results.map(({ run }) => ({
        run: { batchId: batch.id, kind: "single", hypothesisId: run.hypothesisId, hypothesisName: run.hypothesisName, symbol: run.symbol, timeframe: run.timeframe, fromTime: run.fromTime, toTime: run.toTime, metrics: run.metrics, diagnostics: run.diagnostics },
        trades: run.trades,
        equity: run.equity,
      })),
    );
    for (const r of results) {
      const kind = r.variant.learned?.kind;
      if (r.versions.length > 0 && (kind === "meta_label" || kind === "stacked")) await appendLearnedModels(tx, r.variant.id, r.run.symbol, r.versions.map((v) => modelRow(kind, batch.id, v)));
      if (r.tuning) await appendLearnedModels(tx, r.variant.id, r.run.symbol, tuningRows(batch.id, r.tuning));
    }
  });
  const report: LearningReport = {
    batchId: batch.id,
    variants: results.map((r) => r.row),
    tuningSearch: searchOverfitting(tuningFamiliesSeen),
    skipped: [...skipped].map(([reason, count]) => ({ reason, count })),
    durationMs: Math.round(performance.now() - started),
  };
  await saveReport(db, "learning", batch.id, report);
  return report;
}

/**
 * The trades of the one plain run a variant is measured against: an ensemble's best in-sample member (its lead), a
 * family's first walk-forward choice held fixed.
 */
function tradesOf(plain: readonly PlainRun[], h: Hypothesis | undefined): readonly Trade[] {
  return plain.find((p) => p.hypothesis.id === h?.id)?.run.trades ?? [];
}
