import { describe, expect, it } from "vitest";
import { listHypotheses } from "@/db/queries/hypotheses";
import { jsonPost, useRouteDatabase } from "../../../db/testing/route-database";
import { POST } from "./route";
import { VALID_HYPOTHESIS } from "./testing/valid-hypothesis";
import { POST as validate } from "./validate/route";

const ROUTE = "http://127.0.0.1/api/hypotheses";
const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: string; field?: string } });
const hypothesis = VALID_HYPOTHESIS;

describe("POST /api/hypotheses: every field bounded, no unknown keys", () => {
  const store = useRouteDatabase();
  const save = async (body: unknown) => answer(await POST(jsonPost(ROUTE, body)));

  it("refuses an unknown key, naming it", async () => {
    const { status, body } = await save({ ...hypothesis, id: "h_15m_chosen" });
    expect(status).toBe(400);
    expect(body.error).toContain('"id"');
  });

  it("refuses hold times beyond 30 days and stop or target distances beyond sane bounds", async () => {
    expect(await save({ ...hypothesis, typicalHoldMinutes: [30, 1e308] })).toMatchObject({ status: 400, body: { field: "typicalHoldMinutes[1]" } });
    expect(await save({ ...hypothesis, stopLoss: "1e308 ATR below entry" })).toMatchObject({ status: 422, body: { field: "stopLoss" } });
    expect(await save({ ...hypothesis, stopLoss: "1 ATR(100000000) below entry" })).toMatchObject({ status: 422, body: { field: "stopLoss" } });
    expect(await save({ ...hypothesis, target: "1e9R" })).toMatchObject({ status: 422, body: { field: "target" } });
    expect(await save({ ...hypothesis, entryConditions: [`RSI(14) < 30${" ".repeat(300)}and`] })).toMatchObject({ status: 400, body: { field: "entryConditions[0]" } });
    expect(await listHypotheses(store().db), "nothing was saved").toEqual([]);
  });

  it("saves the same hypothesis within bounds", async () => {
    expect((await save(hypothesis)).status).toBe(201);
  });

  it("refuses an unknown key in a rule draft", async () => {
    const { status, body } = await answer(await validate(jsonPost(`${ROUTE}/validate`, { direction: "long", entryConditions: ["RSI(14) < 30"], stopLoss: "", target: "", extra: 1 })));
    expect(status).toBe(400);
    expect(body.error).toContain("extra");
  });
});
