import { z } from "zod";

/** Most bars one candle window holds: a chart shows a few hundred; more only costs the 2-core server. */
export const MAX_WINDOW_BARS = 3000;

/** GET /api/market/candles: one candle window as columns (compact JSON), plus overlays aligned to `time`. */
export const candleWindowSchema = z.object({
  symbol: z.string(),
  timeframe: z.string(),
  from: z.number(),
  to: z.number(),
  /** True when the range held more bars than the cap and was cut at `to`. */
  truncated: z.boolean(),
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
  /** Indicator values per bar, null during warm-up. */
  overlays: z.array(z.object({ label: z.string(), values: z.array(z.number().nullable()) })),
});
export type CandleWindowJson = z.infer<typeof candleWindowSchema>;
