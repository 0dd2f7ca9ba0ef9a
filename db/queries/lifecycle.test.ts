import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LifecycleMove } from "@/lib/lifecycle/decide-lifecycle-moves";
import type { MoveEvidence } from "@/lib/lifecycle/move-evidence";
import type { DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { upsertHypotheses } from "./hypotheses";
import { applyLifecycleMoves, LifecycleMoveError, listLifecycleEvents, listLifecyclePairs, listTrackedPairs, recordNotification, type AppliedMove } from "./lifecycle";
import { BOUNCE_LONG } from "@/lib/jobs/research-loop/testing/planted-loop-market";

const BTC = "BTCUSDT.P";
const ACCOUNT = "11111111-1111-4111-8111-111111111111";
const RESEARCH: MoveEvidence = {
  kind: "research",
  batchId: null,
  overall: "pass",
  reasons: [],
  fromTime: 0,
  toTime: 1,
  inSample: { trades: 40, winRate: 0.6, profitFactor: 1.8, sharpe: 2 },
  outOfSample: { trades: 31, winRate: 0.58, profitFactor: 1.6, sharpe: 1.5 },
  deflatedSharpe: 0.97,
  trials: 4,
};

function move(hypothesisId: string, from: LifecycleMove["from"], to: LifecycleMove["to"], changes: Partial<AppliedMove> = {}): AppliedMove {
  return { hypothesisId, hypothesisName: hypothesisId, symbol: BTC, from, to, reason: `${from ?? "untracked"} to ${to}`, evidence: RESEARCH, actor: { kind: "loop" }, personMust: null, paperAccountId: null, ...changes };
}

describe("lifecycle queries on PostgreSQL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await upsertHypotheses(handle.db, [BOUNCE_LONG], "file");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("applies a run's moves in order: the pair, its events with actor and job, and its place on the page", async () => {
    const id = BOUNCE_LONG.id;
    const ids = await applyLifecycleMoves(handle.db, [move(id, null, "candidate"), move(id, "candidate", "passed"), move(id, "passed", "paper", { paperAccountId: ACCOUNT })], { jobId: null });
    expect(ids).toHaveLength(3);
    expect(await listTrackedPairs(handle.db)).toEqual([{ hypothesisId: id, symbol: BTC, state: "paper", paperAccountId: ACCOUNT }]);
    const history = await listLifecycleEvents(handle.db, { hypothesisId: id, symbol: BTC });
    expect(history.map((e) => [e.from, e.to, e.actor, e.hypothesisName])).toEqual([
      [null, "candidate", "research-loop", BOUNCE_LONG.name],
      ["candidate", "passed", "research-loop", BOUNCE_LONG.name],
      ["passed", "paper", "research-loop", BOUNCE_LONG.name],
    ]);
    expect(history[1]?.evidence).toEqual(RESEARCH);
    await applyLifecycleMoves(handle.db, [move("h_second", null, "candidate", { symbol: "ETHUSDT.P" })]);
    const [pair, second] = await listLifecyclePairs(handle.db);
    expect(second, "each pair shows its own last move").toMatchObject({ hypothesisId: "h_second", symbol: "ETHUSDT.P", state: "candidate", lastReason: "untracked to candidate" });
    expect(pair).toMatchObject({ hypothesisName: BOUNCE_LONG.name, timeframe: "5m", state: "paper", lastReason: "passed to paper", manualMoves: ["retired", "candidate"] });
    expect((await listLifecycleEvents(handle.db)).map((e) => e.to), "newest first without a pair").toEqual(["candidate", "paper", "passed", "candidate"]);
  });

  it("writes nothing when one move of the run no longer fits (someone moved the pair meanwhile)", async () => {
    const before = await listLifecycleEvents(handle.db);
    const stale = [move("h_other", null, "candidate"), move(BOUNCE_LONG.id, "passed", "paper", { paperAccountId: ACCOUNT })];
    const refusal = await applyLifecycleMoves(handle.db, stale).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LifecycleMoveError);
    expect((refusal as LifecycleMoveError).code).toBe("LIFECYCLE_MOVE_CONFLICT");
    expect((refusal as Error).message).toBe(`${BOUNCE_LONG.id} on ${BTC} is no longer passed (it was moved meanwhile): nothing was changed; look again`);
    expect(await listLifecycleEvents(handle.db), "the first move was rolled back too").toEqual(before);
    expect((await listTrackedPairs(handle.db)).map((p) => p.hypothesisId).sort()).toEqual([BOUNCE_LONG.id, "h_second"]);
  });

  it("refuses a move the transition table forbids, such as the loop moving to live, and writes nothing", async () => {
    const before = await listLifecycleEvents(handle.db);
    const refusal = await applyLifecycleMoves(handle.db, [move(BOUNCE_LONG.id, "paper", "live", { paperAccountId: ACCOUNT })]).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "LIFECYCLE_MOVE_REFUSED", field: "to" });
    expect((refusal as Error).message).toContain("the research loop never does");
    expect(await listLifecycleEvents(handle.db)).toEqual(before);
    expect((await listTrackedPairs(handle.db)).find((p) => p.hypothesisId === BOUNCE_LONG.id)?.state).toBe("paper");
  });

  it("records on the event what became of its webhook notification", async () => {
    const [latest] = await listLifecycleEvents(handle.db, { limit: 1 });
    await recordNotification(handle.db, latest?.id ?? 0, { delivered: false, reason: "the alert webhook answered HTTP 404; a refusal is not retried", at: 5 });
    const [again] = await listLifecycleEvents(handle.db, { limit: 1 });
    expect(again?.notification).toEqual({ delivered: false, reason: "the alert webhook answered HTTP 404; a refusal is not retried", at: 5 });
  });
});
