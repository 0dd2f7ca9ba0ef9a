import { z } from "zod";
import { accountModeSchema } from "@/lib/trading/account-mode";
import { liveEnvironmentSchema, liveLimitsSchema } from "@/lib/trading/live-settings";
import { paperAccountStatusSchema } from "./paper";

const side = z.enum(["buy", "sell"]);

/** One instrument's position on the exchange beside the ledger's, as the last reconciliation saw them. */
export const livePositionRowSchema = z.object({
  symbol: z.string(),
  /** Signed (long > 0); null when the exchange's positions could not be read. */
  exchangeQty: z.number().nullable(),
  ledgerQty: z.number(),
  /** The two disagree, or the exchange's side is unknown: the page highlights it. */
  differs: z.boolean(),
});

/** An order resting on the exchange, with the part it plays for the ledger. */
export const liveOpenOrderSchema = z.object({
  clientOrderId: z.string().nullable(),
  exchangeOrderId: z.string(),
  symbol: z.string(),
  side,
  qty: z.number(),
  kind: z.enum(["stop", "take-profit", "limit", "other"]),
  reduceOnly: z.boolean(),
  triggerPrice: z.number().nullable(),
  /** `entry`, `stop`, `take-profit`, `exit`, `flatten` for the ledger's orders; `external` for one it does not know. */
  role: z.string(),
});

/** What the trader found at its last reconciliation: the exchange's side of the page, and why anything is blocked. */
export const liveReconciliationSchema = z.object({
  at: z.number(),
  /** No differences and every position protected. */
  clean: z.boolean(),
  suggestedMode: accountModeSchema,
  reasons: z.array(z.string()),
  differences: z.array(z.object({ kind: z.string(), symbol: z.string().nullable(), message: z.string() })),
  entriesBlocked: z.boolean(),
  blockedSymbols: z.array(z.string()),
  unprotected: z.array(z.object({ symbol: z.string(), why: z.string() })),
  positions: z.object({ known: z.boolean(), reason: z.string().nullable(), rows: z.array(livePositionRowSchema) }),
  openOrders: z.object({ known: z.boolean(), reason: z.string().nullable(), rows: z.array(liveOpenOrderSchema) }),
});
export type LiveReconciliationJson = z.infer<typeof liveReconciliationSchema>;

/** The exchange account's balance and margin (USD), read by the trader. */
export const liveBalanceSchema = z.object({
  balance: z.number(),
  availableMargin: z.number(),
  initialMargin: z.number(),
  unrealizedPnl: z.number(),
  readAt: z.number(),
});
export type LiveBalanceJson = z.infer<typeof liveBalanceSchema>;

export const liveAccountSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: liveEnvironmentSchema,
  armed: z.boolean(),
  armedAt: z.number().nullable(),
  armedBy: z.string().nullable(),
  mode: accountModeSchema,
  modeReason: z.string().nullable(),
  /** The paper account whose engine decides: its trades are the comparison beside the live ones. */
  paperAccountId: z.string(),
  /** The trader's job as presented (lib/jobs/paper/account-driver.ts). */
  status: paperAccountStatusSchema,
  error: z.string().nullable(),
  driven: z.boolean(),
  createdAt: z.number(),
  symbols: z.array(z.string()),
  hypotheses: z.array(z.object({ id: z.string(), name: z.string(), timeframe: z.string() })),
  lastReconciledAt: z.number().nullable(),
  deadMansSwitch: z.object({ refreshedAt: z.number().nullable(), cancelsAt: z.number().nullable() }),
});
export type LiveAccountSummary = z.infer<typeof liveAccountSummarySchema>;

/** GET /api/live */
export const liveAccountsSchema = z.object({ accounts: z.array(liveAccountSummarySchema) });
export type LiveAccountsJson = z.infer<typeof liveAccountsSchema>;

/** An order the ledger tracks, as lib/trading holds it. */
export const liveOrderSchema = z.object({
  clientOrderId: z.string(),
  purpose: z.string(),
  symbol: z.string(),
  side,
  qty: z.number(),
  reduceOnly: z.boolean(),
  status: z.string(),
  sentAt: z.number().nullable(),
  exchangeOrderId: z.string().nullable(),
  filledQty: z.number(),
  averagePrice: z.number().nullable(),
  /** From the fill types and the account's rates: Kraken's fills carry no fee. */
  fees: z.number(),
  note: z.string().nullable(),
  updatedAt: z.number(),
});

export const liveFillSchema = z.object({
  fillId: z.string(),
  clientOrderId: z.string(),
  purpose: z.string(),
  symbol: z.string(),
  side,
  qty: z.number(),
  price: z.number(),
  fillType: z.enum(["maker", "taker"]),
  time: z.number(),
});

export const liveEventSchema = z.object({ id: z.number(), time: z.number(), kind: z.string(), clientOrderId: z.string().nullable(), message: z.string() });

/** One entry the engine decided, as paper traded it and as the exchange filled it. */
export const liveComparisonRowSchema = z.object({
  legId: z.string(),
  symbol: z.string(),
  direction: z.enum(["long", "short"]),
  /** Close of the signal bar: paper fills at the next bar's open, the live order is sent then. */
  decidedAt: z.number(),
  paper: z.object({ entryPrice: z.number(), qty: z.number(), exitPrice: z.number().nullable(), exitReason: z.string().nullable(), pnl: z.number().nullable() }).nullable(),
  live: z.object({ entryPrice: z.number().nullable(), qty: z.number(), exitPrice: z.number().nullable(), openQty: z.number(), status: z.string() }).nullable(),
});
export type LiveComparisonRow = z.infer<typeof liveComparisonRowSchema>;

/** GET /api/live/[id]: everything the Live page shows. */
export const liveMonitorSchema = z.object({
  account: liveAccountSummarySchema,
  limits: liveLimitsSchema,
  /** Whether the dashboard's process holds exchange keys; never the keys. The trader checks them with a private read. */
  keys: z.object({ present: z.boolean(), message: z.string() }),
  balance: liveBalanceSchema.nullable(),
  reconciliation: liveReconciliationSchema.nullable(),
  orders: z.array(liveOrderSchema),
  fills: z.array(liveFillSchema),
  events: z.array(liveEventSchema),
  comparison: z.array(liveComparisonRowSchema),
});
export type LiveMonitorJson = z.infer<typeof liveMonitorSchema>;

/** POST /api/live/[id]/mode: a person's reduce, halt (the kill switch) or resume. */
export const liveModeRequestSchema = z.strictObject({
  mode: accountModeSchema,
  /** The page asks before sending; the route refuses a request that did not. */
  confirm: z.literal(true, "confirm the change: send confirm: true"),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type LiveModeRequest = z.infer<typeof liveModeRequestSchema>;

/** Its answer: the account after the change. */
export const liveModeResponseSchema = z.object({ account: liveAccountSummarySchema, message: z.string() });
export type LiveModeResponseJson = z.infer<typeof liveModeResponseSchema>;
