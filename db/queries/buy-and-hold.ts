import { and, asc, eq, sql } from "drizzle-orm";
import { buyAndHoldCurve, type PricedFunding } from "@/lib/analysis/buy-and-hold-curve";
import { timeframeMs, type Timeframe } from "@/lib/market/timeframe";
import type { Database } from "../client";
import { candles } from "../schema";
import { loadFundingRates } from "./funding-rates";
import { numericArrayLiteral } from "./pg-array";

export interface BuyAndHold {
  points: { time: number; equity: number }[];
  /** False when the store holds no funding for the period: the curve is price only. */
  fundingIncluded: boolean;
}

/**
 * Buy & hold of a run's instrument over its period, sampled at the run's own equity times (bar closes). Reads only the
 * candles it needs — the first bar, the sampled bars and the bars holding a funding event, whose close prices the
 * event as the engine prices it — rather than the whole series (130,000 bars for six months of 2m).
 */
export async function loadBuyAndHold(
  db: Database,
  run: { symbol: string; timeframe: Timeframe; fromTime: number; toTime: number },
  sampleTimes: readonly number[],
  startingEquity: number,
): Promise<BuyAndHold | null> {
  const barMs = timeframeMs(run.timeframe);
  const rates = (await loadFundingRates(db, run.symbol, { fromMs: run.fromTime + 1, toMs: run.toTime }));
  const holding = (t: number) => Math.ceil(t / barMs) * barMs - barMs;
  const opens = new Set<number>([run.fromTime, ...sampleTimes.map((t) => t - barMs), ...rates.map((r) => holding(r.time))]);
  const rows = await db
    .select({ time: candles.time, open: candles.open, close: candles.close })
    .from(candles)
    .where(and(eq(candles.symbol, run.symbol), eq(candles.timeframe, run.timeframe), sql`${candles.time} = any(${numericArrayLiteral([...opens])}::bigint[])`))
    .orderBy(asc(candles.time));
  const first = rows[0];
  if (!first || first.time !== run.fromTime) return null;
  const closeAt = new Map(rows.map((r) => [r.time + barMs, r.close]));
  const funding: PricedFunding[] = [];
  let r = 0;
  // An event is charged at the close of the bar holding it; after a data gap, of the next bar read, as the engine does.
  for (const row of rows) {
    for (let event = rates[r]; event && holding(event.time) <= row.time; event = rates[++r]) funding.push({ ...event, price: row.close });
  }
  const lastClose = rows[rows.length - 1]?.close ?? first.open;
  for (let event = rates[r]; event; event = rates[++r]) funding.push({ ...event, price: lastClose });
  const closes = sampleTimes.flatMap((time) => {
    const close = closeAt.get(time);
    return close === undefined ? [] : [{ time, close }];
  });
  const points = buyAndHoldCurve({ startingEquity, periodStart: run.fromTime, entryPrice: first.open, closes, funding: rates.length > 0 ? funding : null });
  return { points, fundingIncluded: rates.length > 0 };
}
