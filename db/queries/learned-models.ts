import { and, asc, desc, eq, inArray, max } from "drizzle-orm";
import { modelVersionSchema, type ModelVersion } from "@/lib/learning/model-version";
import type { Database } from "../client";
import { backtestRuns, hypotheses, learnedModels } from "../schema";

export type LearnedModelRow = typeof learnedModels.$inferSelect;
export type NewLearnedModel = Omit<typeof learnedModels.$inferInsert, "id" | "createdAt" | "version" | "variantId" | "symbol">;

/**
 * Appends a variant's walk-forward versions on one instrument, numbered after the versions it already has (a
 * retrain adds versions, never rewrites them). Run inside the caller's transaction.
 */
export async function appendLearnedModels(tx: Database, variantId: string, symbol: string, rows: readonly NewLearnedModel[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const [top] = await tx
    .select({ version: max(learnedModels.version) })
    .from(learnedModels)
    .where(and(eq(learnedModels.variantId, variantId), eq(learnedModels.symbol, symbol)));
  const first = (top?.version ?? 0) + 1;
  const values = rows.map((r, k) => ({ ...r, variantId, symbol, version: first + k }));
  await tx.insert(learnedModels).values(values);
  return values.map((v) => v.version);
}

/**
 * The versions of a variant on an instrument from its newest training (the batch it was last trained on), oldest
 * first: the set a paper account predicts with, each version from its own bar on.
 */
export async function latestLearnedModels(db: Database, variantId: string, symbol: string): Promise<LearnedModelRow[]> {
  const where = and(eq(learnedModels.variantId, variantId), eq(learnedModels.symbol, symbol));
  const [newest] = await db.select({ batchId: learnedModels.batchId }).from(learnedModels).where(where).orderBy(desc(learnedModels.version)).limit(1);
  if (!newest) return [];
  const rows = await db.select().from(learnedModels).where(where).orderBy(asc(learnedModels.version));
  return rows.filter((r) => r.batchId === newest.batchId);
}

/** A stored meta-label or stacked row as the model version the engine predicts with, checked as it is read back. */
export function storedModelVersion(row: LearnedModelRow): ModelVersion {
  const params = row.params as { threshold?: unknown; options?: unknown };
  return modelVersionSchema.parse({ version: row.version, validFrom: row.validFrom, trainFrom: row.trainFrom, trainTo: row.trainTo, features: row.features, threshold: params.threshold, options: params.options, model: row.model, metrics: row.metrics });
}

/** Every version of the variants trained on a batch, without the serialised forests (for pages). */
export async function learnedModelSummaries(db: Database, batchId: string, variantIds?: readonly string[]) {
  const where = variantIds ? and(eq(learnedModels.batchId, batchId), inArray(learnedModels.variantId, [...variantIds])) : eq(learnedModels.batchId, batchId);
  return db
    .select({
      variantId: learnedModels.variantId,
      symbol: learnedModels.symbol,
      kind: learnedModels.kind,
      version: learnedModels.version,
      validFrom: learnedModels.validFrom,
      trainFrom: learnedModels.trainFrom,
      trainTo: learnedModels.trainTo,
      features: learnedModels.features,
      params: learnedModels.params,
      metrics: learnedModels.metrics,
    })
    .from(learnedModels)
    .where(where)
    .orderBy(asc(learnedModels.variantId), asc(learnedModels.symbol), asc(learnedModels.version));
}

/** The learned variants' runs and models of a batch, removed before the batch is learned from again (inside its transaction). */
export async function deleteLearnedOfBatch(tx: Database, batchId: string): Promise<void> {
  await tx.delete(backtestRuns).where(and(eq(backtestRuns.batchId, batchId), inArray(backtestRuns.hypothesisId, tx.select({ id: hypotheses.id }).from(hypotheses).where(eq(hypotheses.source, "learned")))));
  await tx.delete(learnedModels).where(eq(learnedModels.batchId, batchId));
}
