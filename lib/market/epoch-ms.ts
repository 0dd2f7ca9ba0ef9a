import { z } from "zod";

/** The instants any input may name: no perpetual traded before 2010, and no data reaches 2100. */
export const EPOCH_MS_MIN = Date.UTC(2010, 0, 1);
export const EPOCH_MS_MAX = Date.UTC(2100, 0, 1);

const RANGE = "must be a time in epoch ms from 2010-01-01 to 2100-01-01 UTC";

/**
 * A time given as epoch milliseconds, inside a range where every date computation stays valid (`new Date(9e15)` is
 * an Invalid Date, whose toISOString throws).
 */
export const epochMsSchema = z.number(RANGE).int(RANGE).min(EPOCH_MS_MIN, RANGE).max(EPOCH_MS_MAX, RANGE);

/** The same, read from a query string. */
export const epochMsQuerySchema = z.coerce.number(RANGE).pipe(epochMsSchema);
