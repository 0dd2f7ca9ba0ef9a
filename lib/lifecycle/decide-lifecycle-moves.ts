import type { EdgeReportEntry } from "@/lib/analysis/edge-report";
import type { Interval } from "@/lib/analysis/interval";
import { formatPercent } from "@/lib/format";
import { paperDrift } from "@/lib/paper/paper-drift";
import type { LifecycleActor, LifecycleState } from "./lifecycle-state";
import { transitionRefusal } from "./lifecycle-state";
import type { MoveEvidence, ResearchEvidence } from "./move-evidence";
import { researchEvidenceOf } from "./research-evidence";

/** A hypothesis × instrument the lifecycle tracks, as it stands before the loop's run. */
export interface TrackedPair {
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly state: LifecycleState;
  readonly paperAccountId: string | null;
}

/** A paper leg's closed trades beside the interval of its backtest's win rate (paper-monitor's comparison). */
export interface PaperLegResult {
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly paperAccountId: string;
  readonly trades: number;
  readonly winRate: number | null;
  readonly backtestInterval: Interval | null;
}

/** A live account a person armed, deciding with the paper account that trades the pair. */
export interface ArmedLiveLeg {
  readonly hypothesisId: string;
  readonly symbol: string;
  readonly paperAccountId: string;
  readonly liveAccountId: string;
  readonly liveAccountName: string;
  readonly armedBy: string;
  readonly armedAt: number;
}

export interface LifecycleEvidence {
  /** The edge analysis of the loop's own re-run; null when it made none (no move then rests on research). */
  readonly research: { readonly batchId: string | null; readonly entries: readonly EdgeReportEntry[] } | null;
  readonly paper: readonly PaperLegResult[];
  readonly armed: readonly ArmedLiveLeg[];
  /** The edge analysis's minimum trades: fewer paper trades than this never count as drift. */
  readonly minTrades: number;
}

export interface LifecycleSettings {
  readonly autoPromote: boolean;
  readonly autoDemote: boolean;
}

export interface LifecycleMove {
  readonly hypothesisId: string;
  /** For people's messages; the id when the run did not name it. */
  readonly hypothesisName: string;
  readonly symbol: string;
  readonly from: LifecycleState | null;
  readonly to: LifecycleState;
  /** One or two sentences for people: what moved and why. */
  readonly reason: string;
  readonly evidence: MoveEvidence;
  readonly actor: LifecycleActor;
  /** A demotion of a hypothesis that a live account still trades: what a person must do, since the loop never acts live. */
  readonly personMust: string | null;
}

const LOOP: LifecycleActor = { kind: "loop" };
const key = (hypothesisId: string, symbol: string) => `${hypothesisId}|${symbol}`;
const number = (v: number | null, digits = 2) => (v === null ? "n/a" : v.toFixed(digits));

function passSentence(r: ResearchEvidence): string {
  return (
    `out of sample ${r.outOfSample.trades} trades, win rate ${formatPercent(r.outOfSample.winRate)}, profit factor ${number(r.outOfSample.profitFactor)}; ` +
    `in sample ${r.inSample.trades} trades; deflated Sharpe ${number(r.deflatedSharpe, 3)} over ${r.trials} trials`
  );
}

const failSentence = (r: ResearchEvidence): string => (r.reasons.length > 0 ? r.reasons.join("; ") : r.overall.replace("_", " "));

/**
 * The lifecycle moves the evidence of one loop run calls for, in the order they apply (a pair first judged and
 * passing enters, passes and is promoted in one run):
 * - untracked → candidate: first judged by the edge analysis;
 * - candidate → passed: its latest edge analysis entry is an overall pass;
 * - passed → paper: it passes and auto-promotion is on; passed → candidate: it no longer passes;
 * - paper → live: only when a person armed a live account deciding with its paper account (the person is the actor);
 * - paper/live → retired (auto-demotion on): a re-run no longer passes, or paper's win rate over at least
 *   `minTrades` closed trades lies outside the backtest's interval (paperDrift). A live pair retired this way is
 *   retired for the lifecycle only: the move says a person must disarm the live account.
 * Retired pairs never move on their own. Every move is checked against the transition table.
 */
export function decideLifecycleMoves(current: readonly TrackedPair[], evidence: LifecycleEvidence, settings: LifecycleSettings): LifecycleMove[] {
  const entries = new Map((evidence.research?.entries ?? []).map((e) => [key(e.hypothesisId, e.symbol), e]));
  const tracked = new Map(current.map((p) => [key(p.hypothesisId, p.symbol), p]));
  const keys = [...new Set([...tracked.keys(), ...entries.keys()])];
  const moves: LifecycleMove[] = [];
  for (const k of keys) {
    const pair = tracked.get(k);
    const entry = entries.get(k);
    const hypothesisId = pair?.hypothesisId ?? entry?.hypothesisId ?? "";
    const symbol = pair?.symbol ?? entry?.symbol ?? "";
    const hypothesisName = entry?.hypothesisName ?? hypothesisId;
    const research = entry ? researchEvidenceOf(entry, evidence.research?.batchId ?? null) : null;
    let state: LifecycleState | null = pair?.state ?? null;
    const move = (to: LifecycleState, reason: string, moveEvidence: MoveEvidence, options: { actor?: LifecycleActor; personMust?: string } = {}) => {
      const actor = options.actor ?? LOOP;
      const refusal = transitionRefusal(state, to, actor);
      if (refusal !== null) throw new Error(`lifecycle rule error for ${hypothesisName} on ${symbol}: ${refusal}`);
      moves.push({ hypothesisId, hypothesisName, symbol, from: state, to, reason, evidence: moveEvidence, actor, personMust: options.personMust ?? null });
      state = to;
    };

    if (state === null && research) move("candidate", `First judged by the edge analysis (${research.trials} trials): tracked as a candidate.`, research);
    if (state === "candidate" && research?.overall === "pass") move("passed", `Passed the edge analysis: ${passSentence(research)}.`, research);
    if (state === "passed" && research) {
      if (research.overall !== "pass") move("candidate", `No longer passes the edge analysis: ${failSentence(research)}. Back to research.`, research);
      else if (settings.autoPromote) move("paper", `Promoted to paper trading automatically, as it passes the edge analysis (${passSentence(research)}).`, { kind: "promotion", research, paperAccountId: null });
    }
    const paperAccountId = pair?.paperAccountId ?? null;
    const armed = paperAccountId === null ? undefined : evidence.armed.find((a) => key(a.hypothesisId, a.symbol) === k && a.paperAccountId === paperAccountId);
    if (state === "paper" && armed) {
      move("live", `${armed.armedBy} armed live account ${armed.liveAccountName}, which trades the decisions of this hypothesis's paper account: it is live from then on.`, { kind: "armed", ...armed }, { actor: { kind: "person", name: armed.armedBy } });
    }
    if ((state === "paper" || state === "live") && settings.autoDemote) {
      const personMust = state === "live" && armed ? `Live account ${armed.liveAccountName} still trades it: a person must halt or disarm it (the loop never acts on a live account).` : null;
      const suffix = personMust ? ` ${personMust}` : "";
      if (research && research.overall !== "pass") {
        move("retired", `Demoted: a re-run no longer passes the edge analysis (${failSentence(research)}).${suffix}`, research, { personMust: personMust ?? undefined });
        continue;
      }
      const leg = evidence.paper.find((p) => key(p.hypothesisId, p.symbol) === k && p.paperAccountId === paperAccountId);
      const drift = leg ? paperDrift({ trades: leg.trades, winRate: leg.winRate }, leg.backtestInterval, evidence.minTrades) : null;
      if (leg && leg.backtestInterval && drift?.state === "drift" && drift.direction) {
        const interval = leg.backtestInterval;
        const side = drift.direction === "worse" ? "below" : "above";
        move(
          "retired",
          `Demoted: paper's win rate ${formatPercent(leg.winRate)} over ${leg.trades} closed trades is ${side} the backtest's 95% interval [${formatPercent(interval.lower)}, ${formatPercent(interval.upper)}] (at least ${evidence.minTrades} trades needed, and there are).${suffix}`,
          { kind: "drift", paperAccountId: leg.paperAccountId, trades: leg.trades, winRate: leg.winRate, interval: { lower: interval.lower, upper: interval.upper }, direction: drift.direction, minTrades: evidence.minTrades },
          { personMust: personMust ?? undefined },
        );
      }
    }
  }
  return moves;
}
