import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { loadCandleWindow } from "@/db/queries/candle-window";
import { MAX_CHART_RULES, type CandleWindowJson } from "@/lib/contract/market";
import { epochMsQuerySchema } from "@/lib/market/epoch-ms";
import { instrumentSymbolSchema } from "@/lib/market/instruments";
import { timeframeSchema } from "@/lib/market/timeframe";
import { chartIndicatorPlan } from "@/lib/signals/chart-indicators";
import { parseCondition } from "@/lib/signals/rule-parser";
import { errorResponse } from "../../error-response";

export const dynamic = "force-dynamic";

const querySchema = z
  .object({
    symbol: instrumentSymbolSchema,
    timeframe: timeframeSchema,
    from: epochMsQuerySchema,
    to: epochMsQuerySchema,
    /** Entry conditions, one a line (`RSI(14) < 30`): the window carries every indicator they read. */
    rules: z
      .string()
      .max(MAX_CHART_RULES * 300)
      .optional()
      .transform((text) => (text ? text.split("\n").filter((r) => r.trim() !== "") : []))
      .pipe(z.array(z.string().max(300)).max(MAX_CHART_RULES)),
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["to"] });

/** Candles of one series for a time range (epoch ms, at most MAX_WINDOW_BARS bars) with the rules' indicators. */
export async function GET(request: Request) {
  try {
    const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const plan = chartIndicatorPlan(q.rules.map(parseCondition), q.timeframe);
    const { db } = await getDatabase();
    return NextResponse.json((await loadCandleWindow(db, q.symbol, q.timeframe, q.from, q.to, plan)) satisfies CandleWindowJson);
  } catch (error) {
    return errorResponse(error);
  }
}
