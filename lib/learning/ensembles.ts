import { createHash } from "node:crypto";
import { type Hypothesis, hypothesisSchema } from "@/lib/signals/hypothesis";
import type { LearnedSpec } from "@/lib/signals/learned-spec";
import { LearningError } from "./errors";
import type { ExtraFeature } from "./signal-features";

function requireAligned(memberSignals: readonly Uint8Array[]): number {
  const first = memberSignals[0];
  if (!first) throw new LearningError("INVALID_INPUT", "an ensemble needs at least one member signal");
  memberSignals.forEach((s, m) => {
    if (s.length !== first.length) throw new LearningError("INVALID_INPUT", `memberSignals[${m}] has ${s.length} bars, memberSignals[0] ${first.length}`);
  });
  return first.length;
}

/** 1 at each bar close where at least `minVotes` members' entry rules hold. */
export function voteSignal(memberSignals: readonly Uint8Array[], minVotes: number): Uint8Array {
  const n = requireAligned(memberSignals);
  if (!Number.isInteger(minVotes) || minVotes < 1 || minVotes > memberSignals.length) {
    throw new LearningError("INVALID_INPUT", `minVotes must be a whole number from 1 to ${memberSignals.length} (the members), got ${minVotes}`);
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let votes = 0;
    for (const s of memberSignals) votes += s[i] === 1 ? 1 : 0;
    out[i] = votes >= minVotes ? 1 : 0;
  }
  return out;
}

/** 1 where any member's rules hold: the stacked ensemble's candidates, which its model then filters. */
export function anySignal(memberSignals: readonly Uint8Array[]): Uint8Array {
  return voteSignal(memberSignals, 1);
}

/** The stacked model's extra features: each member's vote (1/0) at the bar, named `vote:<memberId>`. */
export function memberVoteColumns(memberIds: readonly string[], memberSignals: readonly Uint8Array[]): ExtraFeature[] {
  requireAligned(memberSignals);
  if (memberIds.length !== memberSignals.length) throw new LearningError("INVALID_INPUT", `${memberIds.length} member ids for ${memberSignals.length} member signals`);
  return memberIds.map((id, m) => ({ name: `vote:${id}`, values: memberSignals[m] as Uint8Array }));
}

const hash8 = (content: unknown) => createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 8);

const distinct = <T>(values: readonly T[]): T[] => [...new Set(values)];

/**
 * An ensemble of hypotheses as one more hypothesis (one more trial). Members must share timeframe and direction; the
 * exits, holds, slippage and claims are the first member's (the lead). The id follows from the kind, the members in
 * order (the first one's exits are the ensemble's) and minVotes. `entryConditions` lists every member's conditions
 * (so the variant names the indicators and timeframes it reads) — they do NOT compile to its entries: build its
 * signal from the members (ensemble-leg.ts).
 * - `vote`: enter where at least `minVotes` members' rules hold (default: a majority);
 * - `stacked`: candidates where any member's rules hold, gated by a model over the members' votes and the bar's
 *   features (metaLabelWalkForward on the anySignal leg with memberVoteColumns).
 */
export function ensembleVariant(members: readonly Hypothesis[], kind: "vote" | "stacked", minVotes?: number): Hypothesis {
  const lead = members[0];
  if (!lead || members.length < 2) throw new LearningError("INCOMPATIBLE_MEMBERS", `an ensemble needs at least 2 members, got ${members.length}`);
  for (const m of members) {
    if (m.timeframe !== lead.timeframe || m.direction !== lead.direction) {
      throw new LearningError("INCOMPATIBLE_MEMBERS", `ensemble members must share timeframe and direction: ${m.id} is ${m.timeframe} ${m.direction}, ${lead.id} ${lead.timeframe} ${lead.direction}`);
    }
    if (m.learned) throw new LearningError("INCOMPATIBLE_MEMBERS", `ensemble member ${m.id} is itself a learned variant (${m.learned.kind}); ensembles are built from plain hypotheses`);
  }
  if (distinct(members.map((m) => m.id)).length !== members.length) throw new LearningError("INCOMPATIBLE_MEMBERS", "ensemble members must be different hypotheses");
  const votes = minVotes ?? Math.floor(members.length / 2) + 1;
  if (kind === "vote" && (!Number.isInteger(votes) || votes < 1 || votes > members.length)) {
    throw new LearningError("INVALID_INPUT", `minVotes must be a whole number from 1 to ${members.length}, got ${votes}`);
  }
  const specMembers = members.map((m) => ({ id: m.id, name: m.name, entryConditions: [...m.entryConditions] }));
  const learned: LearnedSpec = kind === "vote" ? { kind, members: specMembers, minVotes: votes } : { kind, members: specMembers };
  const ids = members.map((m) => m.id);
  const names = members.map((m) => m.name).join(" + ");
  const prefix = kind === "vote" ? "ens" : "stk";
  const how = kind === "vote" ? `enters where at least ${votes} of ${members.length} members' rules hold` : "enters where any member's rules hold and the stacked model's P(win) reaches its threshold";
  return hypothesisSchema.parse({
    ...lead,
    id: `${prefix}_${lead.timeframe}_${hash8([kind, lead.timeframe, lead.direction, ids, kind === "vote" ? votes : null])}`,
    name: kind === "vote" ? `VOTE${votes}of${members.length}_${names}` : `STACKED_${names}`,
    description: `Ensemble of ${members.length} ${lead.timeframe} ${lead.direction} hypotheses (${ids.join(", ")}): ${how}; exits of ${lead.id}.`,
    entryConditions: distinct(members.flatMap((m) => m.entryConditions)),
    indicatorsUsed: distinct(members.flatMap((m) => m.indicatorsUsed)),
    signalType: "confluence",
    learned,
  });
}

/** The meta-labelled variant of a plain hypothesis: its entries, taken where the model valid at the bar says so. */
export function metaLabelVariant(base: Hypothesis): Hypothesis {
  if (base.learned) throw new LearningError("INVALID_INPUT", `${base.id} is already a learned variant (${base.learned.kind}); meta-label its plain base instead`);
  return hypothesisSchema.parse({
    ...base,
    id: `${base.id}~meta`,
    name: `${base.name}_META`,
    description: `${base.description} Meta-labelled: taken only where the walk-forward model valid at the signal bar gives P(win) at or above its threshold.`,
    learned: { kind: "meta_label", baseId: base.id },
  });
}
