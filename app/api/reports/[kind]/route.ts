import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { latestReport } from "@/db/queries/research-reports";
import { errorResponse, HttpError } from "../../error-response";

export const dynamic = "force-dynamic";

const KINDS = { edge: "edge_analysis", final: "final_report" } as const;
const kindSchema = z.enum(["edge", "final"]);

/** The latest stored report of a kind (`edge` analysis or `final` report), or `report: null` when none exists yet. */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string }> }) {
  try {
    const parsed = kindSchema.safeParse((await params).kind);
    if (!parsed.success) throw new HttpError(404, "no such report: use /api/reports/edge or /api/reports/final", "kind");
    const { db } = await getDatabase();
    const row = await latestReport(db, KINDS[parsed.data]);
    return NextResponse.json({ report: row ? { id: row.id, batchId: row.batchId, createdAt: row.createdAt.toISOString(), body: row.body } : null });
  } catch (error) {
    return errorResponse(error);
  }
}
