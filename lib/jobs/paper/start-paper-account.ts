import { z } from "zod";
import type { Database } from "@/db/client";
import { candleCoverage } from "@/db/queries/candles";
import { listHypotheses } from "@/db/queries/hypotheses";
import { latestLearnedModels, storedModelVersion } from "@/db/queries/learned-models";
import { isGated } from "@/lib/learning/learned-leg";
import type { JobRow } from "@/db/queries/jobs";
import { createAccount, type PaperAccountRow } from "@/db/queries/paper";
import { latestReport } from "@/db/queries/research-reports";
import { portfolioSettingsFromConfig } from "@/lib/backtest/config-settings";
import { equitySchema } from "@/lib/config-schema";
import type { AppConfig } from "@/lib/config-schema";
import { formatUtcMinute } from "@/lib/format";
import { paperLegId } from "@/lib/paper";
import { epochMsSchema } from "@/lib/market/epoch-ms";
import { instrumentListSchema } from "@/lib/market/instruments";
import { hypothesisIdListSchema, type Hypothesis } from "@/lib/signals/hypothesis";
import type { JobStore } from "../run-job";
import type { PaperAccountSettings } from "./account-settings";
import { PaperAccountError } from "./errors";
import { launchPaperJob } from "./launch-paper-job";

const DAY_MS = 86_400_000;
/** Bars before the replay start fed as already-processed history, so slow indicators (SMA 200 on 30m) are warm. */
export const PAPER_WARMUP_MS = 5 * DAY_MS;

export const startPaperInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  hypothesisIds: hypothesisIdListSchema.optional(),
  symbols: instrumentListSchema.optional(),
  feed: z.enum(["replay", "live"]).default("replay"),
  /** Replay period (epoch ms): trading starts after `from`, warm-up data before it. */
  from: epochMsSchema.optional(),
  to: epochMsSchema.optional(),
  /** Pause between replayed bars; 0 = as fast as possible. */
  speedMs: z.number().int().min(0).max(60_000).default(0),
  startingEquity: equitySchema.optional(),
});
export type StartPaperInput = z.input<typeof startPaperInputSchema>;

const recommendationsSchema = z.object({
  recommendations: z.object({ hypotheses: z.array(z.object({ hypothesisId: z.string(), symbol: z.string() })) }),
});

/** Hypothesis × instrument pairs the latest final report recommends paper-trading (empty when nothing passed). */
export async function recommendedLegs(db: Database): Promise<{ hypothesisId: string; symbol: string }[]> {
  const report = await latestReport(db, "final_report");
  const parsed = recommendationsSchema.safeParse(report?.body);
  return parsed.success ? parsed.data.recommendations.hypotheses.map((h) => ({ hypothesisId: h.hypothesisId, symbol: h.symbol })) : [];
}

async function resolveLegs(db: Database, config: AppConfig, input: z.infer<typeof startPaperInputSchema>): Promise<{ pairs: { hypothesis: Hypothesis; symbol: string }[] }> {
  const coverage = await candleCoverage(db);
  const stored = new Set(coverage.map((c) => c.symbol));
  if (input.hypothesisIds) {
    const ids = [...new Set(input.hypothesisIds)];
    const found = await listHypotheses(db, ids);
    const missing = ids.filter((id) => !found.some((h) => h.id === id));
    if (missing.length > 0) throw new PaperAccountError("PAPER_UNKNOWN_HYPOTHESIS", `no stored hypothesis ${missing.join(", ")}`, { field: "hypothesisIds" });
    const symbols = input.symbols ?? config.instruments.filter((s) => stored.has(s));
    if (symbols.length === 0) throw new PaperAccountError("PAPER_NO_DATA", "no candles are stored for any configured instrument: generate, import or fetch data first", { field: "symbols" });
    return { pairs: found.flatMap((h) => symbols.map((symbol) => ({ hypothesis: h, symbol }))) };
  }
  const recommended = (await recommendedLegs(db)).filter((r) => !input.symbols || input.symbols.includes(r.symbol));
  if (recommended.length === 0) {
    throw new PaperAccountError(
      "PAPER_NOTHING_PASSED",
      "nothing passed the edge analysis (the final report recommends no hypothesis" + (input.symbols ? " on these instruments" : "") + "), so choose the hypotheses to paper-trade explicitly",
      { field: "hypothesisIds" },
    );
  }
  const found = new Map((await listHypotheses(db, [...new Set(recommended.map((r) => r.hypothesisId))])).map((h) => [h.id, h]));
  const pairs = recommended.flatMap((r) => {
    const hypothesis = found.get(r.hypothesisId);
    return hypothesis ? [{ hypothesis, symbol: r.symbol }] : [];
  });
  if (pairs.length === 0) throw new PaperAccountError("PAPER_UNKNOWN_HYPOTHESIS", "the recommended hypotheses are no longer stored; choose hypotheses explicitly", { field: "hypothesisIds" });
  return { pairs };
}

/**
 * The walk-forward versions of every model-gated learned leg, from the variant's newest training, frozen with the
 * account so that a retrain does not change what a running account predicts with.
 */
export async function frozenModels(db: Database, pairs: readonly { hypothesis: Hypothesis; symbol: string }[]): Promise<PaperAccountSettings["models"]> {
  const models: PaperAccountSettings["models"] = [];
  for (const { hypothesis, symbol } of pairs) {
    if (!isGated(hypothesis)) continue;
    const rows = await latestLearnedModels(db, hypothesis.id, symbol);
    if (rows.length === 0) throw new PaperAccountError("PAPER_UNKNOWN_HYPOTHESIS", `${hypothesis.name} has no trained model on ${symbol}: run the learning phase on a batch that holds it (npm run pipeline -- --mode learning)`, { field: "hypothesisIds" });
    models.push({ legId: paperLegId(symbol, hypothesis), versions: rows.map(storedModelVersion) });
  }
  return models;
}

/** Creates a stopped account from the input: its legs, frozen hypotheses and settings, and the replay period. */
export async function createPaperAccount(db: Database, config: AppConfig, rawInput: StartPaperInput): Promise<PaperAccountRow> {
  const input = startPaperInputSchema.parse(rawInput);
  if (input.feed === "live") return createLiveAccount(db, config, input);
  const { pairs } = await resolveLegs(db, config, input);
  const coverage = await candleCoverage(db);
  // The period every leg has data for: latest first bar to earliest last bar of the traded series.
  let first = -Infinity;
  let last = Infinity;
  for (const { hypothesis, symbol } of pairs) {
    const c = coverage.find((x) => x.symbol === symbol && x.timeframe === hypothesis.timeframe);
    if (!c) throw new PaperAccountError("PAPER_NO_DATA", `no ${hypothesis.timeframe} candles stored for ${symbol}`, { field: "symbols" });
    first = Math.max(first, c.first);
    last = Math.min(last, c.last);
  }
  const from = Math.max(input.from ?? first + PAPER_WARMUP_MS, first);
  const to = Math.min(input.to ?? last, last);
  if (!(from < to)) {
    throw new PaperAccountError("PAPER_NO_DATA", `no stored data to replay between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}`, { field: "from" });
  }
  const startingEquity = input.startingEquity ?? config.startingEquity;
  const hypotheses = [...new Map(pairs.map((p) => [p.hypothesis.id, p.hypothesis])).values()];
  const settings: PaperAccountSettings = {
    legs: pairs.map((p) => ({ id: paperLegId(p.symbol, p.hypothesis), symbol: p.symbol, hypothesisId: p.hypothesis.id })),
    hypotheses,
    portfolio: { ...portfolioSettingsFromConfig(config), startingEquity },
    regime: config.regime,
    feed: input.feed,
    warmupFrom: Math.max(first, from - PAPER_WARMUP_MS),
    from,
    to,
    speedMs: input.speedMs,
    minuteBars: true,
    models: await frozenModels(db, pairs),
  };
  const name = input.name ?? `Paper ${formatUtcMinute(Date.now())}`;
  return createAccount(db, { name, startingEquity, feed: input.feed, settings });
}

/**
 * A live account trades bars closing from now on, on the exchange feed; its warm-up history is fetched from the
 * exchange when it starts (no stored candles needed). `from`/`to` only record when it began (it has no end).
 */
async function createLiveAccount(db: Database, config: AppConfig, input: z.infer<typeof startPaperInputSchema>): Promise<PaperAccountRow> {
  let pairs: { hypothesis: Hypothesis; symbol: string }[];
  if (input.hypothesisIds) {
    const ids = [...new Set(input.hypothesisIds)];
    const found = await listHypotheses(db, ids);
    const missing = ids.filter((id) => !found.some((h) => h.id === id));
    if (missing.length > 0) throw new PaperAccountError("PAPER_UNKNOWN_HYPOTHESIS", `no stored hypothesis ${missing.join(", ")}`, { field: "hypothesisIds" });
    const symbols = input.symbols ?? config.instruments;
    pairs = found.flatMap((h) => symbols.map((symbol) => ({ hypothesis: h, symbol })));
  } else {
    pairs = (await resolveLegs(db, config, input)).pairs;
  }
  const from = Date.now();
  const startingEquity = input.startingEquity ?? config.startingEquity;
  const name = input.name ?? `Live paper ${formatUtcMinute(from)}`;
  return createAccount(db, { name, startingEquity, feed: "live", settings: liveFeedSettings(config, pairs, startingEquity, from, await frozenModels(db, pairs)) });
}

/** The frozen settings of a live-feed account trading exactly these hypothesis × instrument pairs from `from` on. */
export function liveFeedSettings(config: AppConfig, pairs: readonly { hypothesis: Hypothesis; symbol: string }[], startingEquity: number, from: number, models: PaperAccountSettings["models"]): PaperAccountSettings {
  return {
    legs: pairs.map((p) => ({ id: paperLegId(p.symbol, p.hypothesis), symbol: p.symbol, hypothesisId: p.hypothesis.id })),
    hypotheses: [...new Map(pairs.map((p) => [p.hypothesis.id, p.hypothesis])).values()],
    portfolio: { ...portfolioSettingsFromConfig(config), startingEquity },
    regime: config.regime,
    feed: "live",
    warmupFrom: from - PAPER_WARMUP_MS,
    from,
    to: Number.MAX_SAFE_INTEGER,
    speedMs: 0,
    minuteBars: true,
    models,
  };
}

/** Creates the account and queues its job for a worker: the API's and the page's "start". */
export async function startPaperAccount(store: JobStore, config: AppConfig, input: StartPaperInput): Promise<{ account: PaperAccountRow; job: JobRow }> {
  const account = await createPaperAccount(store.db, config, input);
  return launchPaperJob(store, account.id);
}
