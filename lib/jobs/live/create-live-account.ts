import { z } from "zod";
import type { Database } from "@/db/client";
import { insertLiveAccount, type LiveAccountRow } from "@/db/queries/live-accounts";
import { equitySchema, type AppConfig } from "@/lib/config-schema";
import { formatUtcMinute } from "@/lib/format";
import { instrumentListSchema } from "@/lib/market/instruments";
import { hypothesisIdListSchema } from "@/lib/signals/hypothesis";
import { liveLimitsSchema } from "@/lib/trading/live-settings";
import { createPaperAccount } from "../paper/start-paper-account";

export const createLiveInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(80).optional(),
  /** Live trading is chosen hypothesis by hypothesis: there is no default from the report. */
  hypothesisIds: hypothesisIdListSchema,
  symbols: instrumentListSchema.optional(),
  /** Real funds. Without it the account trades Kraken's demo environment. */
  production: z.boolean().default(false),
  /** What the engine sizes from: set it to the capital the account may use, not more than the exchange balance. */
  startingEquity: equitySchema.optional(),
  limits: liveLimitsSchema.optional(),
});
export type CreateLiveInput = z.input<typeof createLiveInputSchema>;

/**
 * Creates a disarmed live account and the live-feed paper account whose engine decides for it, in one transaction.
 * Nothing is sent until a person arms it; the environment (demo or production) is fixed here and never changed.
 */
export async function createLiveAccount(db: Database, config: AppConfig, rawInput: CreateLiveInput): Promise<LiveAccountRow> {
  const input = createLiveInputSchema.parse(rawInput);
  const name = input.name ?? `Live ${formatUtcMinute(Date.now())}`;
  return db.transaction(async (tx) => {
    const paper = await createPaperAccount(tx, config, {
      feed: "live",
      name: `${name} (decisions)`,
      hypothesisIds: input.hypothesisIds,
      ...(input.symbols ? { symbols: input.symbols } : {}),
      ...(input.startingEquity ? { startingEquity: input.startingEquity } : {}),
    });
    return insertLiveAccount(tx, { name, paperAccountId: paper.id, environment: input.production ? "production" : "demo", limits: input.limits ?? liveLimitsSchema.parse({}) });
  });
}
