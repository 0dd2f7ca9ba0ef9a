import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import type { PaperCandlesJson } from "@/lib/contract/paper";
import { paperCandles } from "@/lib/jobs/paper/paper-monitor";
import { epochMsQuerySchema } from "@/lib/market/epoch-ms";
import { instrumentSymbolSchema } from "@/lib/market/instruments";
import { accountIdFrom, paperErrorResponse } from "../../paper-route-errors";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  symbol: instrumentSymbolSchema,
  timeframe: z.enum(["1m", "2m", "5m", "15m", "30m"]),
  from: epochMsQuerySchema.optional(),
  to: epochMsQuerySchema.optional(),
});

/** Candles of the visible range only (epoch ms `from`/`to`), with the account's entries and exits there as markers. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    return NextResponse.json((await paperCandles(db, id, query)) satisfies PaperCandlesJson);
  } catch (error) {
    return paperErrorResponse(error);
  }
}
