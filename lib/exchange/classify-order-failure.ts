import { AuthenticationError, BadRequest, BaseError, DuplicateOrderId, InsufficientFunds, InvalidOrder } from "ccxt";
import { causeText } from "./describe-remote-failure";

/**
 * What a failed order request means for the order:
 * - `refused`: Kraken answered and did not place it (its status word, or an error it only gives for a refused
 *   request); `reason` says why.
 * - `duplicate-id`: Kraken already holds an order with this cliOrdId: look it up, never send again.
 * - `no-answer`: anything else. The request may have reached the exchange and placed the order (a timeout, a 5xx
 *   from a proxy in front of it, a dropped connection, a body cut short), so the order is unknown until looked up.
 */
export type OrderFailure =
  | { readonly kind: "refused"; readonly reason: string }
  | { readonly kind: "duplicate-id"; readonly detail: string }
  | { readonly kind: "no-answer"; readonly detail: string };

/**
 * ccxt's message when Kraken's sendStatus is not `placed` (verifyOrderActionSuccess): the whole message, so a foreign
 * body quoted inside another error (guardResponses starts those with the request) cannot pass for one.
 */
const SEND_STATUS = /^krakenfutures: createOrder failed due to ([A-Za-z]+)$/;

/** The error classes ccxt raises only from an answer that refused the request (or before sending it at all). */
const REFUSALS = [InvalidOrder, InsufficientFunds, BadRequest, AuthenticationError] as const;

/**
 * Classifies a failed createOrder. The safe direction is `no-answer`: a refused order read as unknown is looked up
 * and found absent, while a placed order read as refused would be a position nobody tracks.
 */
export function classifyOrderFailure(error: unknown): OrderFailure {
  if (error instanceof DuplicateOrderId) return { kind: "duplicate-id", detail: causeText(error) };
  const status = error instanceof BaseError ? SEND_STATUS.exec(error.message)?.[1] : undefined;
  // Any status other than `placed` is Kraken's "not placed because…" (marketSuspended arrives as ExchangeNotAvailable).
  if (status !== undefined) return { kind: "refused", reason: `Kraken did not place it: ${status}` };
  if (REFUSALS.some((refusal) => error instanceof refusal)) return { kind: "refused", reason: `Kraken refused the request: ${causeText(error)}` };
  return { kind: "no-answer", detail: causeText(error) };
}
