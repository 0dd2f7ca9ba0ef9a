import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * What an order is for. With the account, leg, bar and sequence it names exactly one order the system may ever send,
 * so the id can be made again from the decision instead of being remembered only in memory.
 */
export const orderPurposeSchema = z.enum(["entry", "stop", "take-profit", "exit", "flatten"]);
export type OrderPurpose = z.infer<typeof orderPurposeSchema>;

export const clientOrderIdInputSchema = z.strictObject({
  accountId: z.string().min(1),
  /** The leg, or the symbol for account-wide orders (a flatten closes one position per symbol). */
  legId: z.string().min(1),
  /** Close time of the bar the decision was taken on (epoch ms); for a flatten, when it was decided. */
  barCloseTime: z.number().int().nonnegative(),
  purpose: orderPurposeSchema,
  /** 0 for the first order of this purpose on this bar; +1 for each re-placement (a stop found missing). */
  sequence: z.number().int().nonnegative().default(0),
});
export type ClientOrderIdInput = z.input<typeof clientOrderIdInputSchema>;

/** Changing how ids are made would give a stored decision a new id: bump this instead of editing the recipe. */
const ID_VERSION = "pel-coid-1";

/** A client order id in Kraken's `cliOrdId` form: a UUID (36 characters, well inside Kraken Futures' limit of 100). */
export const CLIENT_ORDER_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * The deterministic client order id of one order: same inputs, same id, so a retry after a lost answer reuses the id
 * stored before sending. Shaped as a UUID (version 8, "custom", RFC 9562) from a SHA-256 of the inputs, because
 * Kraken's APIs all accept UUIDs while free text has tighter limits on some of them (18 characters on spot).
 * Kraken only refuses an id that is already on an OPEN order, so uniqueness over time comes from the inputs: every
 * order the system sends differs in account, leg, bar, purpose or sequence.
 */
export function clientOrderId(input: ClientOrderIdInput): string {
  const { accountId, legId, barCloseTime, purpose, sequence } = clientOrderIdInputSchema.parse(input);
  // JSON of an array: no separator inside an account or leg id can make two different inputs read the same.
  const canonical = JSON.stringify([ID_VERSION, accountId, legId, barCloseTime, purpose, sequence]);
  const hex = createHash("sha256").update(canonical).digest("hex");
  const variant = ((parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
