import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { paperCandles } from "@/lib/jobs/paper/paper-monitor";
import { accountIdFrom, paperErrorResponse } from "../../paper-route-errors";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]+USDT\.P$/, "must look like BTCUSDT.P"),
  timeframe: z.enum(["1m", "2m", "5m", "15m", "30m"]),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});

/** Candles of the visible range only (epoch ms `from`/`to`), with the account's entries and exits there as markers. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const id = await accountIdFrom(params);
    const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const { db } = await getDatabase();
    return NextResponse.json(await paperCandles(db, id, query));
  } catch (error) {
    return paperErrorResponse(error);
  }
}
