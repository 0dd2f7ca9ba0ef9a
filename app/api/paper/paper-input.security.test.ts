import { beforeAll, describe, expect, it } from "vitest";
import { upsertHypotheses } from "@/db/queries/hypotheses";
import { listJobs } from "@/db/queries/jobs";
import { MAX_FORM_BODY_BYTES } from "@/lib/body-limits";
import { configSchema } from "@/lib/config-schema";
import { storeCandleSeries } from "@/lib/jobs/store-candle-series";
import { toCandleSeries } from "@/lib/market/series";
import { timeframeMs } from "@/lib/market/timeframe";
import { discoverHypotheses } from "@/lib/signals/discover-hypotheses";
import type { Hypothesis } from "@/lib/signals/hypothesis";
import { jsonPost, useRouteDatabase } from "../../../db/testing/route-database";
import { GET as getCandles } from "./[id]/candles/route";
import { POST as postStatus } from "./[id]/status/route";
import { POST } from "./route";

const ROUTE = "http://127.0.0.1/api/paper";
const ACCOUNT = "00000000-0000-4000-8000-000000000000";
const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: string; field?: string } });
const post = async (body: unknown) => answer(await POST(jsonPost(ROUTE, body)));

describe("POST /api/paper: bad input is a 400 naming the field, never a 500", () => {
  const store = useRouteDatabase();
  let hypothesis: Hypothesis;
  beforeAll(async () => {
    // A stored hypothesis and series, so a request gets as far as the replay period's date arithmetic.
    const found = discoverHypotheses(configSchema.parse({}), { quick: true })[0];
    if (!found) throw new Error("the quick catalog is empty");
    hypothesis = found;
    await upsertHypotheses(store().db, [hypothesis], "discovery");
    const bar = timeframeMs(hypothesis.timeframe);
    const start = Date.UTC(2025, 0, 1);
    const candles = Array.from({ length: 300 }, (_, i) => ({ time: start + i * bar, open: 100, high: 101, low: 99, close: 100, volume: 1 }));
    await storeCandleSeries(store().db, toCandleSeries("BTCUSDT.P", hypothesis.timeframe, candles), { kind: "file", detail: "test" });
  });
  const legs = () => ({ hypothesisIds: [hypothesis.id], symbols: ["BTCUSDT.P"] });

  it("refuses a replay start beyond 2100 (a RangeError in date formatting before)", async () => {
    const { status, body } = await post({ ...legs(), from: 9e15 });
    expect(status).toBe(400);
    expect(body.field).toBe("from");
    expect(body.error).toContain("2010-01-01 to 2100-01-01");
  });

  it("refuses a starting equity of 1e308", async () => {
    const { status, body } = await post({ ...legs(), startingEquity: 1e308 });
    expect(status).toBe(400);
    expect(body.field).toBe("startingEquity");
  });

  it("refuses a symbol that is not an instrument and an unknown key", async () => {
    expect(await post({ ...legs(), symbols: ["BTC/USD"] })).toMatchObject({ status: 400, body: { field: "symbols[0]" } });
    const unknown = await post({ ...legs(), exchangeBaseUrl: "http://127.0.0.1:1/" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain("exchangeBaseUrl");
    expect(await listJobs(store().db), "no paper job was started").toEqual([]);
  });

  it("refuses a body over the 64 KB form limit with 413 saying 64 KB", async () => {
    expect(MAX_FORM_BODY_BYTES).toBe(64 * 1024);
    const { status, body } = await post({ name: "x".repeat(MAX_FORM_BODY_BYTES) });
    expect(status).toBe(413);
    expect(body.error).toBe("request body is larger than 64 KB");
  });

  it("refuses an unknown key in a status change", async () => {
    const response = await postStatus(jsonPost(`${ROUTE}/${ACCOUNT}/status`, { status: "paused", force: true }), { params: Promise.resolve({ id: ACCOUNT }) });
    const { status, body } = await answer(response);
    expect(status).toBe(400);
    expect(body.error).toContain("force");
  });

  it("bounds the candle window's query: from beyond 2100 and a malformed symbol are 400s", async () => {
    const get = async (query: string) => answer(await getCandles(new Request(`${ROUTE}/${ACCOUNT}/candles?${query}`), { params: Promise.resolve({ id: ACCOUNT }) }));
    expect(await get("symbol=BTCUSDT.P&timeframe=5m&from=9000000000000000")).toMatchObject({ status: 400, body: { field: "from" } });
    expect(await get("symbol=btc&timeframe=5m")).toMatchObject({ status: 400, body: { field: "symbol" } });
  });
});
