import { z } from "zod";

/** Where a hypothesis stands on one instrument, from first judged to retired. */
export const lifecycleStateSchema = z.enum(["candidate", "passed", "paper", "live", "retired"]);
export type LifecycleState = z.infer<typeof lifecycleStateSchema>;
export const LIFECYCLE_STATES = lifecycleStateSchema.options;

/** Who moves a hypothesis: the research loop on the evidence, or a named person. */
export const lifecycleActorSchema = z.discriminatedUnion("kind", [z.strictObject({ kind: z.literal("loop") }), z.strictObject({ kind: z.literal("person"), name: z.string().min(1).max(200) })]);
export type LifecycleActor = z.infer<typeof lifecycleActorSchema>;

/** The actor as the audit trail records it: `research-loop`, or the person's name. */
export const RESEARCH_LOOP_ACTOR = "research-loop";
export const actorName = (actor: LifecycleActor): string => (actor.kind === "loop" ? RESEARCH_LOOP_ACTOR : actor.name);

/** `null` is "not tracked yet": the first move of a pair enters it as a candidate. */
type From = LifecycleState | null;
type Who = LifecycleActor["kind"];

/**
 * Every allowed move and who may make it. The loop moves on evidence alone; a person retires or sends back to
 * research. `live` is reached only by a person arming a live account for the paper account trading it: no loop ever
 * moves anything to live. A demoted hypothesis is retired, not sent back to candidate: it failed on data it had not
 * been chosen on, and letting the next pass promote it again would flap around the thresholds and test it over and
 * over until luck passes it (more trials); a person can send it back to research by hand.
 */
const TRANSITIONS: ReadonlyArray<{ from: From; to: LifecycleState; by: readonly Who[] }> = [
  { from: null, to: "candidate", by: ["loop"] },
  { from: "candidate", to: "passed", by: ["loop"] },
  { from: "passed", to: "paper", by: ["loop"] },
  { from: "passed", to: "candidate", by: ["loop", "person"] },
  { from: "paper", to: "live", by: ["person"] },
  { from: "paper", to: "retired", by: ["loop", "person"] },
  { from: "live", to: "retired", by: ["loop", "person"] },
  { from: "candidate", to: "retired", by: ["person"] },
  { from: "passed", to: "retired", by: ["person"] },
  { from: "paper", to: "candidate", by: ["person"] },
  { from: "retired", to: "candidate", by: ["person"] },
];

/** Why a move is refused, for people; null when it is allowed. */
export function transitionRefusal(from: From, to: LifecycleState, actor: LifecycleActor): string | null {
  const rule = TRANSITIONS.find((t) => t.from === from && t.to === to);
  const fromText = from ?? "untracked";
  if (!rule) return `a hypothesis cannot move from ${fromText} to ${to}`;
  if (!rule.by.includes(actor.kind)) {
    if (to === "live") return "only a person arming a live account moves a hypothesis to live; the research loop never does";
    return actor.kind === "loop" ? `the research loop does not move a hypothesis from ${fromText} to ${to}: that is a person's decision` : `a person does not move a hypothesis from ${fromText} to ${to}: the research loop does, on the evidence`;
  }
  return null;
}

export function isTransitionAllowed(from: From, to: LifecycleState, actor: LifecycleActor): boolean {
  return transitionRefusal(from, to, actor) === null;
}

/** Moves a person may make by hand from `from` (the page's buttons). Arming live is the live CLI's, not listed here. */
export function manualMovesFrom(from: LifecycleState): LifecycleState[] {
  return TRANSITIONS.filter((t) => t.from === from && t.to !== "live" && t.by.includes("person")).map((t) => t.to);
}
