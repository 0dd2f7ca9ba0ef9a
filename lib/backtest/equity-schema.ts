import { z } from "zod";

/** A trillion: far above any account, far below where sizing and PnL arithmetic lose their precision. */
export const MAX_EQUITY = 1e12;

/** An account's starting equity (USDT). */
export const equitySchema = z
  .number("must be a number")
  .positive("must be above 0")
  .max(MAX_EQUITY, `must be at most ${MAX_EQUITY.toLocaleString("en-US")}`);
