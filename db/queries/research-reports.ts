import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../client";
import { researchReports } from "../schema";

export type ReportKind = "edge_analysis" | "final_report" | "learning";

export async function saveReport(db: Database, kind: ReportKind, batchId: string | null, body: unknown): Promise<string> {
  const [row] = await db.insert(researchReports).values({ kind, batchId, body }).returning({ id: researchReports.id });
  if (!row) throw new Error("storing a report returned no row");
  return row.id;
}

export async function latestReport(db: Database, kind: ReportKind, batchId?: string): Promise<{ id: string; batchId: string | null; body: unknown; createdAt: Date } | undefined> {
  const where = batchId ? and(eq(researchReports.kind, kind), eq(researchReports.batchId, batchId)) : eq(researchReports.kind, kind);
  const [row] = await db.select().from(researchReports).where(where).orderBy(desc(researchReports.createdAt)).limit(1);
  return row;
}
