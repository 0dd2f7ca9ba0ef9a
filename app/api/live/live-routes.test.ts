import { describe, expect, it } from "vitest";
import { listJobs } from "@/db/queries/jobs";
import { listLiveEvents } from "@/db/queries/live-events";
import { jsonPost, useRouteDatabase } from "@/db/testing/route-database";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { liveAccountsSchema, liveModeResponseSchema, liveMonitorSchema } from "@/lib/contract/live";
import { differingReconciliation, seedLiveAccount } from "@/lib/jobs/live/testing/seed-live-account";
import { POST as postMode } from "./[id]/mode/route";
import { GET as getMonitor } from "./[id]/route";
import { GET as listLive } from "./route";

const BASE = "http://127.0.0.1/api/live";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** A mode change as the gate passes it on: marked authorised (proxy.ts sets the header on every request it lets through). */
function modePost(id: string, body: unknown, options: { authorised?: boolean } = {}): Request {
  const request = jsonPost(`${BASE}/${id}/mode`, body);
  if (options.authorised !== false) request.headers.set(AUTHORISED_HEADER, "1");
  return request;
}

async function refusal(response: Response, status: number) {
  expect(response.status, "the refusal's status").toBe(status);
  return apiErrorBodySchema.parse(await response.json());
}

describe("the live routes", () => {
  const store = useRouteDatabase();

  it("GET /api/live lists the accounts; GET /api/live/[id] answers the monitor", async () => {
    const { live } = await seedLiveAccount(store().db, { name: "routes", reconciliation: differingReconciliation(Date.now()) });
    const list = liveAccountsSchema.parse(await (await listLive()).json());
    expect(list.accounts.map((a) => a.id)).toContain(live.id);
    const response = await getMonitor(new Request(`${BASE}/${live.id}`), params(live.id));
    expect(response.status).toBe(200);
    const monitor = liveMonitorSchema.parse(await response.json());
    expect(monitor.reconciliation?.positions.rows.find((r) => r.differs)?.symbol).toBe("BTCUSDT.P");
  });

  it("an unknown account and an id that is not a UUID are both 404, saying which id", async () => {
    expect((await refusal(await getMonitor(new Request(`${BASE}/${UNKNOWN}`), params(UNKNOWN)), 404)).error).toContain(UNKNOWN);
    expect((await refusal(await getMonitor(new Request(`${BASE}/nope`), params("nope")), 404)).error).toContain("a live account id is a UUID");
    expect((await refusal(await postMode(modePost(UNKNOWN, { mode: "halted", confirm: true }), params(UNKNOWN)), 404)).field).toBe("id");
  });

  it("the kill switch halts the account, logged with who did it; the same change again is a 409", async () => {
    const { live } = await seedLiveAccount(store().db, { name: "kill switch" });
    const response = await postMode(modePost(live.id, { mode: "halted", confirm: true }), params(live.id));
    expect(response.status, await response.clone().text()).toBe(200);
    const answer = liveModeResponseSchema.parse(await response.json());
    expect(answer.account.mode).toBe("halted");
    // No trader ran for it: one is queued, to cancel and close what the account holds.
    expect(answer.message).toContain("one was queued to cancel every order and close every position");
    const queued = await listJobs(store().db, { kind: "live" });
    expect(queued.map((j) => j.params)).toContainEqual({ accountId: live.id });
    const events = await listLiveEvents(store().db, live.id, { limit: 10 });
    expect(events.find((e) => e.kind === "mode-change")?.message).toMatch(new RegExp(`dashboard \\(loopback, no access token\\) moved account ${live.id} from active to halted: kill switch`));
    const again = await refusal(await postMode(modePost(live.id, { mode: "halted", confirm: true }), params(live.id)), 409);
    expect(again.error).toContain("already halted");
    const resumed = liveModeResponseSchema.parse(await (await postMode(modePost(live.id, { mode: "active", confirm: true, reason: "checked the exchange" }), params(live.id))).json());
    expect(resumed.account).toMatchObject({ mode: "active", modeReason: "checked the exchange" });
  });

  it("refuses a change that was not confirmed, not passed by the gate, or too large", async () => {
    const { live } = await seedLiveAccount(store().db, { name: "refusals" });
    expect((await refusal(await postMode(modePost(live.id, { mode: "halted" }), params(live.id)), 400)).field).toBe("confirm");
    expect((await refusal(await postMode(modePost(live.id, { mode: "halted", confirm: true }, { authorised: false }), params(live.id)), 401)).error).toContain("authorised");
    const huge = { mode: "halted", confirm: true, reason: "x".repeat(MAX_FORM_BODY_BYTES) };
    await refusal(await postMode(modePost(live.id, huge), params(live.id)), 413);
    expect((await listLiveEvents(store().db, live.id, { limit: 10 })).map((e) => e.kind), "nothing changed").toEqual(["armed"]);
  });
});
