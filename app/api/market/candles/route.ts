import { NextResponse } from "next/server";
import { z } from "zod";
import { getDatabase } from "@/db/connection";
import { loadCandleWindow } from "@/db/queries/candle-window";
import type { CandleWindowJson } from "@/lib/contract/market";
import { epochMsQuerySchema } from "@/lib/market/epoch-ms";
import { instrumentSymbolSchema } from "@/lib/market/instruments";
import { timeframeSchema } from "@/lib/market/timeframe";
import { parseOverlaySpecs } from "@/lib/signals/overlay-specs";
import { errorResponse } from "../../error-response";

export const dynamic = "force-dynamic";

const querySchema = z
  .object({
    symbol: instrumentSymbolSchema,
    timeframe: timeframeSchema,
    from: epochMsQuerySchema,
    to: epochMsQuerySchema,
    /** Price overlays, e.g. `SMA(50),BB(20,2)`. */
    indicators: z.string().max(300).optional(),
  })
  .refine((q) => q.from < q.to, { message: "from must be before to", path: ["to"] });

/** Candles of one series for a time range (epoch ms, at most MAX_WINDOW_BARS bars) with indicator overlays. */
export async function GET(request: Request) {
  try {
    const q = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
    const specs = parseOverlaySpecs(q.indicators);
    const { db } = await getDatabase();
    return NextResponse.json((await loadCandleWindow(db, q.symbol, q.timeframe, q.from, q.to, specs)) satisfies CandleWindowJson);
  } catch (error) {
    return errorResponse(error);
  }
}
