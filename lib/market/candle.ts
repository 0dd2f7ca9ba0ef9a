import { z } from "zod";

/** One OHLCV bar. `time` is the bar's open time in epoch milliseconds (UTC), as ccxt and the store use. */
export const candleSchema = z.object({
  time: z.number().int().nonnegative(),
  open: z.number().finite(),
  high: z.number().finite(),
  low: z.number().finite(),
  close: z.number().finite(),
  volume: z.number().finite().nonnegative(),
});
export type Candle = z.infer<typeof candleSchema>;

/** One published funding rate. `time` is when it applied (epoch ms); `rate` is a fraction (0.0001 = 0.01%). */
export const fundingRateSchema = z.object({
  time: z.number().int().nonnegative(),
  rate: z.number().finite(),
});
export type FundingRate = z.infer<typeof fundingRateSchema>;
