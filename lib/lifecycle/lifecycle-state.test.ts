import { describe, expect, it } from "vitest";
import { isTransitionAllowed, LIFECYCLE_STATES, manualMovesFrom, transitionRefusal, type LifecycleActor, type LifecycleState } from "./lifecycle-state";

const LOOP: LifecycleActor = { kind: "loop" };
const PERSON: LifecycleActor = { kind: "person", name: "Ada" };

describe("the lifecycle's transition table", () => {
  it("lets the loop move only along the research path and out of paper and live", () => {
    const allowed: [LifecycleState | null, LifecycleState][] = [];
    for (const from of [null, ...LIFECYCLE_STATES]) for (const to of LIFECYCLE_STATES) if (isTransitionAllowed(from, to, LOOP)) allowed.push([from, to]);
    expect(allowed).toEqual([
      [null, "candidate"],
      ["candidate", "passed"],
      ["passed", "candidate"],
      ["passed", "paper"],
      ["paper", "retired"],
      ["live", "retired"],
    ]);
  });

  it("never lets the loop move anything to live, from any state", () => {
    for (const from of [null, ...LIFECYCLE_STATES]) expect(isTransitionAllowed(from, "live", LOOP), `${from} → live`).toBe(false);
    expect(transitionRefusal("paper", "live", LOOP)).toBe("only a person arming a live account moves a hypothesis to live; the research loop never does");
  });

  it("reaches live only from paper, by a person", () => {
    expect(isTransitionAllowed("paper", "live", PERSON)).toBe(true);
    for (const from of [null, "candidate", "passed", "retired", "live"] as const) expect(isTransitionAllowed(from, "live", PERSON), `${from} → live`).toBe(false);
  });

  it("leaves retiring by hand and sending back to research to people, and promotion to the loop", () => {
    expect(transitionRefusal("candidate", "retired", LOOP)).toBe("the research loop does not move a hypothesis from candidate to retired: that is a person's decision");
    expect(transitionRefusal("retired", "candidate", LOOP)).toMatch(/person's decision/);
    expect(transitionRefusal("passed", "paper", PERSON)).toBe("a person does not move a hypothesis from passed to paper: the research loop does, on the evidence");
    expect(transitionRefusal("retired", "paper", PERSON)).toBe("a hypothesis cannot move from retired to paper");
  });

  it("offers people the moves they may make by hand, never live", () => {
    expect(manualMovesFrom("candidate")).toEqual(["retired"]);
    expect(manualMovesFrom("passed")).toEqual(["candidate", "retired"]);
    expect(manualMovesFrom("paper")).toEqual(["retired", "candidate"]);
    expect(manualMovesFrom("live")).toEqual(["retired"]);
    expect(manualMovesFrom("retired")).toEqual(["candidate"]);
  });
});
