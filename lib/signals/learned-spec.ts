import { z } from "zod";

/** A member of an ensemble: its id and the entry rules it votes with (the ensemble's exits are its own). */
const ensembleMemberSchema = z.strictObject({ id: z.string().min(1), name: z.string().min(1), entryConditions: z.array(z.string().min(1)).min(1) });

/**
 * What makes a hypothesis a learned variant of others (lib/learning). Its rules, exits and timeframe are those it
 * trades with; this says how its entries differ:
 * - `meta_label`: the base hypothesis's entries, taken only where the walk-forward model valid at that bar gives
 *   P(win) at or above its threshold;
 * - `vote`: an entry where at least `minVotes` members' rules hold at the same bar close;
 * - `stacked`: a candidate where any member's rules hold, taken only where the stacked model (members' votes and
 *   the bar's features) gives P(win) at or above its threshold;
 * - `tuned`: the family member chosen walk-forward (best on the window before); its rules are the current choice.
 */
export const learnedSpecSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("meta_label"), baseId: z.string().min(1) }),
  z.strictObject({ kind: z.literal("vote"), members: z.array(ensembleMemberSchema).min(2), minVotes: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal("stacked"), members: z.array(ensembleMemberSchema).min(2) }),
  z.strictObject({ kind: z.literal("tuned"), familyIds: z.array(z.string().min(1)).min(2), chosenId: z.string().min(1) }),
]);
export type LearnedSpec = z.infer<typeof learnedSpecSchema>;
export type LearnedKind = LearnedSpec["kind"];
