import { describe, expect, it } from "vitest";
import { listJobs } from "@/db/queries/jobs";
import { applyLifecycleMoves, listLifecycleEvents } from "@/db/queries/lifecycle";
import { readResearchLoopSettings } from "@/db/queries/research-loop-settings";
import { jsonPost, useRouteDatabase } from "@/db/testing/route-database";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { jobAnswerSchema } from "@/lib/contract/jobs";
import { lifecycleHistorySchema, lifecycleMovedSchema, lifecycleSchema, RESEARCH_LOOP_DEFAULTS, researchLoopSavedSchema, researchLoopSchema } from "@/lib/contract/lifecycle";
import { jobQueue, RESEARCH_LOOP_SCHEDULE_QUEUE } from "@/lib/jobs/job-queue";
import { GET as getHistory, POST as moveByHand } from "../lifecycle/[hypothesisId]/route";
import { GET as getLifecycle } from "../lifecycle/route";
import { GET, POST, PUT } from "./route";

const BASE = "http://127.0.0.1/api";
const GOOD = { ...RESEARCH_LOOP_DEFAULTS, enabled: true, cron: "30 2 * * *", windowDays: 60 };

/** A request as the gate passes it on: marked authorised (proxy.ts sets the header on every request it lets through). */
function authorised(request: Request, method = "POST"): Request {
  const out = new Request(request, { method, duplex: "half" } as RequestInit);
  out.headers.set(AUTHORISED_HEADER, "1");
  return out;
}
const put = (body: unknown) => authorised(jsonPost(`${BASE}/research-loop`, body), "PUT");

describe("the research loop's and the lifecycle's routes", () => {
  const store = useRouteDatabase();

  it("GET answers the defaults, off, with no next run and no runs", async () => {
    const answer = researchLoopSchema.parse(await (await GET()).json());
    expect(answer.settings).toMatchObject({ ...RESEARCH_LOOP_DEFAULTS, nextRunAt: null, updatedBy: null });
    expect(answer.runs).toEqual([]);
  });

  it("a bad cron is a 400 naming the cron field, and nothing is saved or scheduled", async () => {
    const response = await PUT(put({ ...GOOD, cron: "every night" }));
    expect(response.status).toBe(400);
    const body = apiErrorBodySchema.parse(await response.json());
    expect(body.field).toBe("cron");
    expect(body.error).toMatch(/^cron: a cron expression has five fields/);
    expect(await readResearchLoopSettings(store().db)).toMatchObject({ enabled: false, updatedAt: null });
    expect(await (await jobQueue(store().url, "sender")).getSchedules()).toEqual([]);
  });

  it("saving says what changed, schedules the cron in UTC, and unschedules it when turned off", async () => {
    const response = await PUT(put(GOOD));
    expect(response.status, await response.clone().text()).toBe(200);
    const saved = researchLoopSavedSchema.parse(await response.json());
    expect(saved.changed).toEqual(["enabled", "cron", "windowDays"]);
    expect(saved.settings).toMatchObject({ enabled: true, cron: "30 2 * * *", updatedBy: "dashboard (loopback, no access token)" });
    expect(saved.settings.nextRunAt).toMatch(/T02:30:00\.000Z$/);
    const boss = await jobQueue(store().url, "sender");
    expect(await boss.getSchedules()).toEqual([expect.objectContaining({ name: RESEARCH_LOOP_SCHEDULE_QUEUE, cron: "30 2 * * *" })]);
    expect(researchLoopSavedSchema.parse(await (await PUT(put({ ...GOOD, enabled: false }))).json()).changed).toEqual(["enabled"]);
    expect(await boss.getSchedules()).toEqual([]);
  });

  it("refuses a change from a request the gate did not mark authorised", async () => {
    expect((await PUT(jsonPost(`${BASE}/research-loop`, GOOD))).status).toBe(401);
    expect((await POST(jsonPost(`${BASE}/research-loop`, {}))).status).toBe(401);
  });

  it("run now queues one research-loop job; a second while it waits is a 409", async () => {
    const started = await POST(authorised(jsonPost(`${BASE}/research-loop`, {})));
    expect(started.status).toBe(202);
    const { job } = jobAnswerSchema.parse(await started.json());
    expect(job).toMatchObject({ kind: "research-loop", status: "queued", params: { trigger: "manual" } });
    const again = await POST(authorised(jsonPost(`${BASE}/research-loop`, {})));
    expect(again.status).toBe(409);
    expect(apiErrorBodySchema.parse(await again.json()).error).toContain(job.id);
    expect(await listJobs(store().db, { kind: "research-loop" })).toHaveLength(1);
    expect(researchLoopSchema.parse(await (await GET()).json()).runs.map((r) => r.id)).toEqual([job.id]);
  });

  it("lists the lifecycle, answers a pair's history and records a person's retirement with their reason", async () => {
    const evidence = { kind: "manual" as const, note: "seeded" };
    const base = { hypothesisId: "h_route", hypothesisName: "h_route", symbol: "BTCUSDT.P", evidence, actor: { kind: "loop" as const }, personMust: null, paperAccountId: null };
    await applyLifecycleMoves(store().db, [{ ...base, from: null, to: "candidate", reason: "first judged" }]);
    const list = lifecycleSchema.parse(await (await getLifecycle()).json());
    expect(list.pairs.map((p) => [p.hypothesisId, p.state, p.manualMoves])).toEqual([["h_route", "candidate", ["retired"]]]);

    const params = { params: Promise.resolve({ hypothesisId: "h_route" }) };
    const refused = await moveByHand(authorised(jsonPost(`${BASE}/lifecycle/h_route`, { symbol: "BTCUSDT.P", to: "retired", reason: "" })), params);
    expect(refused.status).toBe(400);
    expect(apiErrorBodySchema.parse(await refused.json()).field).toBe("reason");
    const unknown = await moveByHand(authorised(jsonPost(`${BASE}/lifecycle/h_route`, { symbol: "ETHUSDT.P", to: "retired", reason: "never tracked" })), { params: Promise.resolve({ hypothesisId: "h_route" }) });
    expect(unknown.status).toBe(404);

    const moved = await moveByHand(authorised(jsonPost(`${BASE}/lifecycle/h_route`, { symbol: "BTCUSDT.P", to: "retired", reason: "the idea is flawed" })), { params: Promise.resolve({ hypothesisId: "h_route" }) });
    expect(moved.status, await moved.clone().text()).toBe(200);
    const { event } = lifecycleMovedSchema.parse(await moved.json());
    expect(event).toMatchObject({ from: "candidate", to: "retired", actor: "dashboard (loopback, no access token)", evidence: { kind: "manual", note: "the idea is flawed" } });
    expect(event.reason).toBe("Retired by dashboard (loopback, no access token): the idea is flawed");
    expect(event.notification, "no webhook configured: recorded as not delivered").toMatchObject({ delivered: false, reason: "no alert webhook configured" });

    const history = lifecycleHistorySchema.parse(await (await getHistory(new Request(`${BASE}/lifecycle/h_route?symbol=BTCUSDT.P`), { params: Promise.resolve({ hypothesisId: "h_route" }) })).json());
    expect(history.events.map((e) => e.to)).toEqual(["candidate", "retired"]);
    expect((await listLifecycleEvents(store().db)).length).toBe(2);
  });
});
