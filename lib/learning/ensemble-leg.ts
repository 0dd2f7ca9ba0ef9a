import type { LegInput } from "@/lib/backtest/types";
import { buildLeg } from "@/lib/hypothesis-runs/build-leg";
import type { MarketBundle } from "@/lib/hypothesis-runs/market-bundle";
import type { ResearchCache } from "@/lib/hypothesis-runs/research-cache";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { anySignal, voteSignal } from "./ensembles";
import { LearningError } from "./errors";

/**
 * An ensemble variant (ensembleVariant) on one instrument as the engine's input: each member's entry rules compiled
 * on the bundle (look-ahead-free, through the shared cache), combined by the variant's kind — vote: at least minVotes
 * members; stacked: any member (its model gates them afterwards) — with the variant's exits, hold and slippage.
 */
export function ensembleLeg(variant: Hypothesis, bundle: MarketBundle, cache: ResearchCache): { leg: LegInput; memberSignals: Uint8Array[] } {
  const spec = variant.learned;
  if (!spec || (spec.kind !== "vote" && spec.kind !== "stacked")) throw new LearningError("INVALID_INPUT", `${variant.id} is not an ensemble variant (learned kind vote or stacked)`);
  const legs = spec.members.map((m) => buildLeg({ ...variant, entryConditions: m.entryConditions, learned: undefined }, bundle, cache));
  const memberSignals = legs.map((l) => l.entrySignal);
  const lead = legs[0];
  if (!lead) throw new LearningError("INVALID_INPUT", `${variant.id} has no members`);
  const entrySignal = spec.kind === "vote" ? voteSignal(memberSignals, spec.minVotes) : anySignal(memberSignals);
  return { leg: { ...lead, entrySignal }, memberSignals };
}
