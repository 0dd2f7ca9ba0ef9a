import type { LifecycleState } from "@/lib/contract/lifecycle";

/** What each state means, for the chip's tooltip. */
export const STATE_MEANINGS: Record<LifecycleState, string> = {
  candidate: "judged by the edge analysis, not passing (yet)",
  passed: "passes the edge analysis; promoted to paper when auto-promotion is on",
  paper: "trading on a paper account",
  live: "a person armed a live account trading it",
  retired: "demoted or retired by hand; only a person sends it back to research",
};

export function StateChip({ state }: { state: LifecycleState }) {
  return (
    <span className={`badge lifecycle-state state-${state}`} title={STATE_MEANINGS[state]} data-testid="lifecycle-state">
      {state}
    </span>
  );
}
