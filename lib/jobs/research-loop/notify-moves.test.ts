import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { applyLifecycleMoves, listLifecycleEvents, type AppliedMove } from "@/db/queries/lifecycle";
import { openTestDatabase } from "@/db/testing/test-databases";
import { isAnnounced, notificationKind, notifyMoves } from "./notify-moves";
import { startWebhookRecorder, type WebhookRecorder } from "./testing/webhook-recorder";

const base = { hypothesisId: "h_n", hypothesisName: "Notified_5m_Long", symbol: "BTCUSDT.P", evidence: { kind: "manual" as const, note: "test" }, actor: { kind: "loop" as const }, personMust: null, paperAccountId: null };
const moves: AppliedMove[] = [
  { ...base, from: null, to: "candidate", reason: "entered" },
  { ...base, from: "candidate", to: "passed", reason: "passed" },
];

describe("lifecycle notifications", () => {
  let handle: DatabaseHandle;
  let hook: WebhookRecorder;
  beforeAll(async () => {
    handle = await openTestDatabase();
    hook = await startWebhookRecorder();
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });

  it("calls a move up promotion and one back or out demotion; entering as a candidate is not announced", () => {
    expect(notificationKind({ from: "candidate", to: "passed" })).toBe("promotion");
    expect(notificationKind({ from: "paper", to: "live" })).toBe("promotion");
    expect(notificationKind({ from: "paper", to: "retired" })).toBe("demotion");
    expect(notificationKind({ from: "passed", to: "candidate" })).toBe("demotion");
    expect(notificationKind({ from: "retired", to: "candidate" })).toBe("promotion");
    expect(isAnnounced({ from: null, to: "candidate" })).toBe(false);
    expect(isAnnounced({ from: "candidate", to: "passed" })).toBe(true);
  });

  it("a hook that refuses fails no one: the refusal is recorded on the event and reported", async () => {
    const ids = await applyLifecycleMoves(handle.db, moves);
    hook.status = 404;
    const report = await notifyMoves(handle.db, { alerts: { webhookUrl: hook.url, timeoutMs: 2000 } }, ids.map((eventId, i) => ({ eventId, move: moves[i] as AppliedMove })));
    expect(report).toEqual({ delivered: 0, failed: [{ eventId: ids[1], reason: "the alert webhook answered HTTP 404; a refusal is not retried" }] });
    expect(hook.bodies.map((b) => b.text)).toEqual(["Perp Edge Lab · lifecycle promotion: Notified_5m_Long on BTCUSDT.P: candidate → passed. passed"]);
    const [passed, entered] = await listLifecycleEvents(handle.db);
    expect(passed?.notification).toMatchObject({ delivered: false, reason: "the alert webhook answered HTTP 404; a refusal is not retried" });
    expect(entered?.notification, "not announced, so nothing recorded").toBeNull();
    expect(JSON.stringify(passed?.notification), "the hook's token never reaches the event").not.toContain("token-abc");
  });
});
