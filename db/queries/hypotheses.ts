import { asc, eq, inArray, sql } from "drizzle-orm";
import { hypothesisSchema, type Hypothesis } from "@/lib/signals/hypothesis";
import type { Database } from "../client";
import { hypotheses } from "../schema";

export type HypothesisSource = "discovery" | "custom" | "file" | "learned";

/** Stores hypotheses in one transaction; an id seen again is updated (ids derive from the rules, so it is the same idea). */
export async function upsertHypotheses(db: Database, list: readonly Hypothesis[], source: HypothesisSource): Promise<number> {
  if (list.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (const h of list) {
      const row = { id: h.id, name: h.name, timeframe: h.timeframe, direction: h.direction, signalType: h.signalType, definition: h, source };
      await tx
        .insert(hypotheses)
        .values(row)
        .onConflictDoUpdate({ target: hypotheses.id, set: { ...row, updatedAt: sql`now()` } });
    }
  });
  return list.length;
}

function toHypothesis(row: typeof hypotheses.$inferSelect): Hypothesis {
  return hypothesisSchema.parse(row.definition);
}

export async function listHypotheses(db: Database, ids?: readonly string[]): Promise<(Hypothesis & { source: HypothesisSource })[]> {
  const query = db.select().from(hypotheses);
  const rows = await (ids ? query.where(inArray(hypotheses.id, [...ids])) : query).orderBy(asc(hypotheses.timeframe), asc(hypotheses.name));
  return rows.map((r) => ({ ...toHypothesis(r), source: r.source }));
}

export async function getHypothesis(db: Database, id: string): Promise<Hypothesis | undefined> {
  const [row] = await db.select().from(hypotheses).where(eq(hypotheses.id, id));
  return row ? toHypothesis(row) : undefined;
}
