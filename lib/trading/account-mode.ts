import { z } from "zod";
import { formatUtc } from "../format";
import type { Intent, IntentKind } from "./intents";

/**
 * How far an account may trade.
 * - `active`: everything the strategies decide.
 * - `reducing`: only what shrinks a position (protective orders, exits, cancels); no entries.
 * - `halted`: cancel every order, then close every position with reduce-only market orders. Nothing else.
 */
export const accountModeSchema = z.enum(["active", "reducing", "halted"]);
export type AccountMode = z.infer<typeof accountModeSchema>;

/** Who changed the mode: a person by name, or a part of the system (reconciliation, a limit, the dead man's switch). */
export const modeActorSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("person"), name: z.string().min(1).max(128) }),
  z.strictObject({ kind: z.literal("system"), component: z.string().min(1).max(128) }),
]);
export type ModeActor = z.infer<typeof modeActorSchema>;

/** One mode change as stored and shown: who, when, why. */
export const modeChangeSchema = z.strictObject({
  accountId: z.string().min(1).max(64),
  from: accountModeSchema,
  to: accountModeSchema,
  by: modeActorSchema,
  at: z.number().int().nonnegative(),
  reason: z.string().min(1).max(1000),
});
export type ModeChange = z.infer<typeof modeChangeSchema>;

const STRICTNESS: Record<AccountMode, number> = { active: 0, reducing: 1, halted: 2 };

/** The stricter of two modes (reconciliation findings combine this way). */
export function stricterMode(a: AccountMode, b: AccountMode): AccountMode {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

const ALLOWED: Record<AccountMode, ReadonlySet<IntentKind>> = {
  active: new Set(["enter", "place-protection", "move-protection", "cancel-protection", "exit", "flatten"]),
  // Protective orders are reduce-only: they can only shrink a position, so a reducing account keeps them working.
  reducing: new Set(["place-protection", "move-protection", "cancel-protection", "exit", "flatten"]),
  // A halt cancels every order and exits at market; placing or moving a stop would keep the position it is closing.
  halted: new Set(["cancel-protection", "exit", "flatten"]),
};

export type IntentPermission = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Whether an account in `mode` may act on `intent`, and if not, why in words. */
export function intentAllowed(mode: AccountMode, intent: Intent): IntentPermission {
  if (ALLOWED[mode].has(intent.kind)) return { allowed: true };
  const why = mode === "reducing" ? "only orders that shrink a position are sent" : "orders are cancelled and positions closed at market";
  return { allowed: false, reason: `the account is ${mode}: ${intent.kind} is not allowed (${why})` };
}

export type ModeChangeResult = { readonly ok: true; readonly change: ModeChange } | { readonly ok: false; readonly code: "NO_CHANGE" | "NEEDS_A_PERSON"; readonly message: string };

export interface ModeChangeRequest {
  readonly accountId: string;
  readonly to: AccountMode;
  readonly by: ModeActor;
  readonly at: number;
  readonly reason: string;
}

function describeActor(by: ModeActor): string {
  return by.kind === "person" ? by.name : `the system (${by.component})`;
}

/**
 * The change from `current` as an event to store, or why it is refused. The system may only tighten a mode; loosening
 * one (lifting a halt, resuming entries) takes a person, since whatever tightened it may still be true.
 */
export function changeAccountMode(current: AccountMode, request: ModeChangeRequest): ModeChangeResult {
  if (current === request.to) return { ok: false, code: "NO_CHANGE", message: `account ${request.accountId} is already ${current}` };
  if (STRICTNESS[request.to] < STRICTNESS[current] && request.by.kind !== "person") {
    return { ok: false, code: "NEEDS_A_PERSON", message: `${describeActor(request.by)} cannot move account ${request.accountId} from ${current} to ${request.to}: only a person can loosen the mode` };
  }
  return { ok: true, change: { accountId: request.accountId, from: current, to: request.to, by: request.by, at: request.at, reason: request.reason } };
}

/** A mode change as a person reads it in the account's history. */
export function describeModeChange(change: ModeChange): string {
  return `${formatUtc(change.at)}: ${describeActor(change.by)} moved account ${change.accountId} from ${change.from} to ${change.to}: ${change.reason}`;
}
