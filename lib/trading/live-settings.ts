import { z } from "zod";
import type { OrderLimits } from "./order-limits";

/** Where a live account trades: Kraken's demo-futures environment (ccxt sandbox mode) or real funds. */
export const liveEnvironmentSchema = z.enum(["demo", "production"]);
export type LiveEnvironment = z.infer<typeof liveEnvironmentSchema>;

const wholeSeconds = (what: string, min: number, max: number) =>
  z.number().int(`${what} is whole seconds`).min(min, `${what} is at least ${min} s`).max(max, `${what} is at most ${max} s`);
const usd = (what: string) => z.number().positive(`${what} must be above 0 USD`);

/**
 * A live account's caps beyond the backtest's (every order is checked against them before it is stored) and its
 * timers, frozen when the account is created.
 */
export const liveLimitsSchema = z
  .strictObject({
    maxOrderNotional: usd("the per-order notional cap").default(5_000),
    maxAccountNotional: usd("the account notional cap").default(10_000),
    maxOrdersPerMinute: z.number().int().min(1, "at least 1 order per minute").max(600).default(20),
    /** Kraken cancels every order this long after the last refresh (cancelallordersafter). */
    deadMansSwitchSeconds: wholeSeconds("the dead man's switch timeout", 15, 600).default(60),
    /** How often the switch is refreshed while the trader is healthy. */
    deadMansSwitchRefreshSeconds: wholeSeconds("the dead man's switch refresh", 5, 300).default(20),
    /** How often the ledger is reconciled with the exchange (positions, open orders, fills, stops). */
    reconcileSeconds: wholeSeconds("the reconciliation interval", 10, 3_600).default(60),
  })
  .refine((l) => l.deadMansSwitchRefreshSeconds * 2 <= l.deadMansSwitchSeconds, {
    message: "the dead man's switch must be refreshed at least twice per timeout, or one slow refresh lets it fire",
    path: ["deadMansSwitchRefreshSeconds"],
  });
export type LiveLimits = z.infer<typeof liveLimitsSchema>;

/** The order caps lib/trading's checkOrderLimits applies. */
export function orderLimitsOf(limits: LiveLimits): OrderLimits {
  return { maxOrderNotional: limits.maxOrderNotional, maxAccountNotional: limits.maxAccountNotional, maxOrdersPerMinute: limits.maxOrdersPerMinute };
}
