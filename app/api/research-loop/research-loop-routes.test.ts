import { describe, expect, it } from "vitest";
import { listJobs } from "@/db/queries/jobs";
import { readResearchLoopSettings } from "@/db/queries/research-loop-settings";
import { jsonPost, useRouteDatabase } from "@/db/testing/route-database";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { jobAnswerSchema } from "@/lib/contract/jobs";
import { RESEARCH_LOOP_DEFAULTS, researchLoopSavedSchema, researchLoopSchema } from "@/lib/contract/lifecycle";
import { jobQueue, RESEARCH_LOOP_SCHEDULE_QUEUE } from "@/lib/jobs/job-queue";
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

describe("the research loop's routes", () => {
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
});
