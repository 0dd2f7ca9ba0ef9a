import { describe, expect, it } from "vitest";
import { applyLifecycleMoves, listLifecycleEvents } from "@/db/queries/lifecycle";
import { jsonPost, useRouteDatabase } from "@/db/testing/route-database";
import { AUTHORISED_HEADER } from "@/lib/access/session-cookie";
import { apiErrorBodySchema } from "@/lib/contract/errors";
import { lifecycleHistorySchema, lifecycleMovedSchema, lifecycleSchema } from "@/lib/contract/lifecycle";
import { GET as getHistory, POST as moveByHand } from "./[hypothesisId]/route";
import { GET as getLifecycle } from "./route";

const BASE = "http://127.0.0.1/api";

/** A POST as the gate passes it on: marked authorised (proxy.ts sets the header on every request it lets through). */
function authorised(request: Request): Request {
  request.headers.set(AUTHORISED_HEADER, "1");
  return request;
}

describe("the lifecycle's routes", () => {
  const store = useRouteDatabase();

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

  it("refuses a move by hand from a request the gate did not mark authorised", async () => {
    const response = await moveByHand(jsonPost(`${BASE}/lifecycle/h_route`, { symbol: "BTCUSDT.P", to: "candidate", reason: "try" }), { params: Promise.resolve({ hypothesisId: "h_route" }) });
    expect(response.status).toBe(401);
  });
});
