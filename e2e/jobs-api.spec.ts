import { expect, test } from "@playwright/test";
import { SAME_ORIGIN } from "./e2e-origin";

test.describe("jobs API", () => {
  test("refuses bad input with the field to fix", async ({ request }) => {
    const unknownKind = await request.post("/api/jobs", { data: { kind: "mine-bitcoin", params: {} }, headers: SAME_ORIGIN });
    expect(unknownKind.status()).toBe(400);
    expect(await unknownKind.json()).toMatchObject({ field: "kind" });

    const badMonths = await request.post("/api/jobs", { data: { kind: "generate", params: { months: 99, symbols: ["BTCUSDT.P"] } }, headers: SAME_ORIGIN });
    expect(badMonths.status()).toBe(400);
    expect(await badMonths.json()).toMatchObject({ field: "months" });

    const badSymbol = await request.post("/api/jobs", { data: { kind: "generate", params: { symbols: ["BTC"] } }, headers: SAME_ORIGIN });
    expect(await badSymbol.json()).toMatchObject({ field: "symbols[0]", error: expect.stringContaining("must look like BTCUSDT.P") });

    const notJson = await request.post("/api/jobs", { data: "{not json", headers: { "content-type": "application/json", ...SAME_ORIGIN } });
    expect(notJson.status()).toBe(400);

    const noTimeframe = await request.post("/api/jobs", { data: { kind: "import", params: { fileName: "a.csv", text: "x", symbol: "BTCUSDT.P", kind: "candles" } }, headers: SAME_ORIGIN });
    expect(await noTimeframe.json()).toMatchObject({ field: "timeframe" });
  });

  test("answers for single jobs: malformed id, unknown id, finished job cancel", async ({ request }) => {
    expect((await request.get("/api/jobs/not-a-uuid")).status()).toBe(400);
    expect((await request.get("/api/jobs/00000000-0000-4000-8000-000000000000")).status()).toBe(404);

    const started = await request.post("/api/jobs", { data: { kind: "discovery", params: { quick: true } }, headers: SAME_ORIGIN });
    expect(started.status()).toBe(202);
    const { job } = (await started.json()) as { job: { id: string } };
    await expect
      .poll(async () => ((await (await request.get(`/api/jobs/${job.id}`)).json()) as { job: { status: string } }).job.status, { timeout: 30_000 })
      .toBe("succeeded");
    const detail = (await (await request.get(`/api/jobs/${job.id}`)).json()) as { logs: { message: string }[] };
    expect(detail.logs.some((l) => l.message.includes("hypotheses stored"))).toBe(true);
    const cancel = await request.post(`/api/jobs/${job.id}/cancel`, { data: {}, headers: SAME_ORIGIN });
    expect(cancel.status(), "a finished job cannot be cancelled").toBe(409);
    const list = (await (await request.get("/api/jobs?limit=5")).json()) as { jobs: { id: string }[] };
    expect(list.jobs.map((j) => j.id)).toContain(job.id);
  });
});
