import { z } from "zod";
import type { Direction } from "../backtest/types";
import { instrumentSymbolSchema } from "../market/instruments";

/*
 * What the decision engine asks for, before anything is sent: the engine emits intents, a broker turns each into
 * orders with ids stored first. Intents are persisted (the intent log a person reads) and passed as job parameters,
 * so every one is a zod schema and the types derive from them.
 */

// zod 4 numbers refuse NaN and ±Infinity already.
const positive = (what: string) => z.number().positive(`${what} must be above 0`);
const epochMs = z.number().int("a time is whole epoch milliseconds").nonnegative("a time is epoch milliseconds");

/** The position's direction, as the backtest names it. */
export const directionSchema = z.enum(["long", "short"]) satisfies z.ZodType<Direction>;

export type OrderSide = "buy" | "sell";

/** Which protective order: a stop-loss or a take-profit. Both are reduce-only trigger orders resting on the exchange. */
export const protectionKindSchema = z.enum(["stop", "take-profit"]);
export type ProtectionKind = z.infer<typeof protectionKindSchema>;

/** Every intent names the account, the leg and the closed bar whose decision it is: that makes its order ids. */
const decided = {
  accountId: z.string().min(1).max(64),
  legId: z.string().min(1).max(128),
  symbol: instrumentSymbolSchema,
  /** Close time of the bar the decision was taken on. */
  barCloseTime: epochMs,
};

/** Open a position at market, with the stop and target to place once it fills. */
export const enterIntentSchema = z
  .strictObject({
    kind: z.literal("enter"),
    ...decided,
    direction: directionSchema,
    qty: positive("quantity"),
    stopPrice: positive("stop price"),
    targetPrice: positive("target price"),
  })
  .refine((e) => (e.direction === "long" ? e.stopPrice < e.targetPrice : e.stopPrice > e.targetPrice), {
    message: "a long's stop sits below its target, a short's above",
    path: ["stopPrice"],
  });

/**
 * Place a protective order for the leg's position. `sequence` counts re-placements of the same protection on the same
 * bar (0 first), so a stop re-placed after it went missing gets a new order id, deterministically.
 */
export const placeProtectionIntentSchema = z.strictObject({
  kind: z.literal("place-protection"),
  ...decided,
  protection: protectionKindSchema,
  /** Direction of the position protected; the order's side is the opposite. */
  positionDirection: directionSchema,
  qty: positive("quantity"),
  triggerPrice: positive("trigger price"),
  sequence: z.number().int().nonnegative(),
  reduceOnly: z.literal(true),
});

/** Move a resting protective order (the one with `clientOrderId`) to a new trigger price. */
export const moveProtectionIntentSchema = z.strictObject({
  kind: z.literal("move-protection"),
  ...decided,
  protection: protectionKindSchema,
  clientOrderId: z.string().min(1),
  triggerPrice: positive("trigger price"),
  reduceOnly: z.literal(true),
});

/** Cancel a resting protective order. */
export const cancelProtectionIntentSchema = z.strictObject({
  kind: z.literal("cancel-protection"),
  ...decided,
  protection: protectionKindSchema,
  clientOrderId: z.string().min(1),
});

/** Close the leg's position at market (time stop, end of a strategy, a person's request). */
export const exitIntentSchema = z.strictObject({
  kind: z.literal("exit"),
  ...decided,
  positionDirection: directionSchema,
  qty: positive("quantity"),
  reason: z.string().min(1).max(500),
  reduceOnly: z.literal(true),
});

/** Close every position of the account at market after cancelling its orders (a halt). */
export const flattenIntentSchema = z.strictObject({
  kind: z.literal("flatten"),
  accountId: z.string().min(1).max(64),
  /** When it was decided; flattens decided at the same time share their order ids. */
  decidedAt: epochMs,
  reason: z.string().min(1).max(500),
});

export const intentSchema = z.discriminatedUnion("kind", [
  enterIntentSchema,
  placeProtectionIntentSchema,
  moveProtectionIntentSchema,
  cancelProtectionIntentSchema,
  exitIntentSchema,
  flattenIntentSchema,
]);

export type Intent = z.infer<typeof intentSchema>;
export type IntentKind = Intent["kind"];
export type EnterIntent = z.infer<typeof enterIntentSchema>;
export type PlaceProtectionIntent = z.infer<typeof placeProtectionIntentSchema>;
export type MoveProtectionIntent = z.infer<typeof moveProtectionIntentSchema>;
export type CancelProtectionIntent = z.infer<typeof cancelProtectionIntentSchema>;
export type ExitIntent = z.infer<typeof exitIntentSchema>;
export type FlattenIntent = z.infer<typeof flattenIntentSchema>;

/** The order side that closes a position of `direction`: protective orders and exits sell a long, buy a short. */
export function closingSide(direction: Direction): OrderSide {
  return direction === "long" ? "sell" : "buy";
}
