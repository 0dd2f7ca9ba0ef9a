import { z } from "zod";
import { configSchema } from "@/lib/config-schema";
import { modelVersionSchema } from "@/lib/learning/model-version";
import { hypothesisSchema } from "@/lib/signals/hypothesis";
import type { StoredPaperState } from "@/db/queries/paper";
import type { PaperState } from "@/lib/paper";
import { PaperAccountError } from "./errors";

const portfolioSettingsSchema = z.object({
  startingEquity: z.number().positive(),
  fees: z.object({ taker: z.number(), maker: z.number() }),
  sizing: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("risk"), riskFraction: z.number(), leverage: z.number() }),
    z.object({ mode: z.literal("notional"), fraction: z.number() }),
  ]),
  limits: z.object({ maxConcurrent: z.number().int(), dailyLossLimit: z.number(), maxDrawdown: z.number() }),
  allocation: z.enum(["regime", "equal"]),
});

/**
 * What an account was started with, frozen in `paper_accounts.settings`: the hypotheses' definitions (a later edit
 * of a stored hypothesis must not change a running account), the account settings, and the replay period. A resume
 * rebuilds exactly the same engine from it.
 */
export const paperAccountSettingsSchema = z.object({
  legs: z.array(z.object({ id: z.string(), symbol: z.string(), hypothesisId: z.string() })).min(1),
  hypotheses: z.array(hypothesisSchema).min(1),
  portfolio: portfolioSettingsSchema,
  regime: configSchema.shape.regime,
  feed: z.enum(["replay", "live"]),
  /** Replay: trade bars closing after `from` up to bars opening at or before `to`; warm-up data from `warmupFrom`. */
  warmupFrom: z.number().int(),
  from: z.number().int(),
  to: z.number().int(),
  speedMs: z.number().int().min(0),
  minuteBars: z.boolean().default(true),
  /** A model-gated learned variant's walk-forward versions per leg, frozen at creation as its hypothesis is. */
  models: z.array(z.object({ legId: z.string(), versions: z.array(modelVersionSchema).min(1) })).default([]),
});
export type PaperAccountSettings = z.infer<typeof paperAccountSettingsSchema>;

export function readAccountSettings(raw: unknown): PaperAccountSettings {
  const parsed = paperAccountSettingsSchema.safeParse(raw);
  if (!parsed.success) throw new PaperAccountError("PAPER_CORRUPT_ACCOUNT", `the account's settings cannot be read: ${parsed.error.message}`, { cause: parsed.error });
  return parsed.data;
}

const storedStateSchema = z.object({
  engine: z.object({ version: z.literal(1) }).passthrough(),
  orders: z.record(z.string(), z.string()),
  positions: z.record(z.string(), z.string()),
  feed: z.object({ updatedAt: z.number(), barsPerSecond: z.number().nullable(), bars: z.number(), finished: z.boolean().optional(),
    live: z.object({ state: z.enum(["live", "stale", "error"]), at: z.number(), lastBarClose: z.number().nullable(), sinceMs: z.number().optional(), message: z.string().optional() }).optional() }),
});

/** The stored engine state; null before the first committed tick. The engine snapshot itself is the engine's own JSON. */
export function readStoredState(raw: unknown): StoredPaperState | null {
  if (raw === null || raw === undefined) return null;
  const parsed = storedStateSchema.safeParse(raw);
  if (!parsed.success) throw new PaperAccountError("PAPER_CORRUPT_ACCOUNT", `the account's saved state cannot be read: ${parsed.error.message}`, { cause: parsed.error });
  // The engine validates its own snapshot on restore (version, legs, series counts).
  return { ...parsed.data, engine: parsed.data.engine as unknown as PaperState };
}
