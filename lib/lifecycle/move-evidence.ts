import { z } from "zod";

const rate = z.number().nullable();

/** A segment of the edge analysis, as the audit trail keeps it: enough to say why a verdict was what it was. */
const segmentSchema = z.strictObject({ trades: z.number().int(), winRate: rate, profitFactor: rate, sharpe: rate });

/** The edge analysis's verdict on one hypothesis × instrument, from the batch the loop ran. */
export const researchEvidenceSchema = z.strictObject({
  kind: z.literal("research"),
  batchId: z.string().nullable(),
  overall: z.enum(["pass", "fail", "insufficient_data"]),
  /** Why it is not a pass (the analysis's own lines, e.g. "win rate 48.2% < 55%"); empty on a pass. */
  reasons: z.array(z.string()),
  fromTime: z.number(),
  toTime: z.number(),
  inSample: segmentSchema,
  outOfSample: segmentSchema,
  deflatedSharpe: rate,
  trials: z.number().int(),
});
export type ResearchEvidence = z.infer<typeof researchEvidenceSchema>;

/** Paper (or live, which trades the paper account's decisions) against its backtest's win-rate interval. */
export const driftEvidenceSchema = z.strictObject({
  kind: z.literal("drift"),
  paperAccountId: z.string(),
  trades: z.number().int(),
  winRate: rate,
  interval: z.strictObject({ lower: z.number(), upper: z.number() }),
  direction: z.enum(["better", "worse"]),
  minTrades: z.number().int(),
});
export type DriftEvidence = z.infer<typeof driftEvidenceSchema>;

/** A person armed a live account deciding with the paper account that trades this hypothesis. */
export const armedEvidenceSchema = z.strictObject({
  kind: z.literal("armed"),
  liveAccountId: z.string(),
  liveAccountName: z.string(),
  paperAccountId: z.string(),
  armedBy: z.string(),
  armedAt: z.number(),
});
export type ArmedEvidence = z.infer<typeof armedEvidenceSchema>;

/** Promoted to paper: the verdict that allowed it, and the account that now trades it. */
export const promotionEvidenceSchema = z.strictObject({
  kind: z.literal("promotion"),
  research: researchEvidenceSchema,
  paperAccountId: z.string().nullable(),
});

/** A person's move by hand, with their note. */
export const manualEvidenceSchema = z.strictObject({ kind: z.literal("manual"), note: z.string() });

export const moveEvidenceSchema = z.discriminatedUnion("kind", [researchEvidenceSchema, driftEvidenceSchema, armedEvidenceSchema, promotionEvidenceSchema, manualEvidenceSchema]);
export type MoveEvidence = z.infer<typeof moveEvidenceSchema>;
