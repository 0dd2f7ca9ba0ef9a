import { z } from "zod";

/** Most bars one candle window holds: a chart shows a few hundred; more only costs the 2-core server. */
export const MAX_WINDOW_BARS = 3000;

/** Most entry conditions one candle window draws the indicators of (a hypothesis has a handful). */
export const MAX_CHART_RULES = 12;

/** Where an indicator is drawn: "price" over the candles, "volume" over the volume bars, else its own pane (`RSI(14)`). */
const chartPaneSchema = z.string();

/** GET /api/market/candles: one candle window as columns (compact JSON), plus the rules' indicators aligned to `time`. */
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
  /** Indicator values per bar as the rule computes them, null during warm-up; `label` is the rule's text for it. */
  overlays: z.array(z.object({ label: z.string(), pane: chartPaneSchema, style: z.enum(["line", "histogram"]), values: z.array(z.number().nullable()) })),
  /** Constants the rules compare an indicator with (`RSI(14) < 30`): a level line in that indicator's pane. */
  thresholds: z.array(z.object({ pane: chartPaneSchema, value: z.number() })),
});
export type CandleWindowJson = z.infer<typeof candleWindowSchema>;
