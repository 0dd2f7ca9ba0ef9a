import { describe, expect, it } from "vitest";
import { useRouteDatabase } from "../../db/testing/route-database";
import { GET as backtests } from "./backtests/route";
import { GET as tradesOfRun } from "./backtests/runs/[runId]/trades/route";
import { GET as marketCandles } from "./market/candles/route";

const answer = async (response: Response) => ({ status: response.status, body: (await response.json()) as { error: string; field?: string } });

describe("query parameters are bounded: a 400 naming the field", () => {
  useRouteDatabase();
  const candles = async (query: string) => answer(await marketCandles(new Request(`http://127.0.0.1/api/market/candles?${query}`)));

  it("market candles: times outside 2010–2100 and malformed symbols", async () => {
    expect(await candles("symbol=BTCUSDT.P&timeframe=5m&from=9000000000000000&to=9000000000600000")).toMatchObject({ status: 400, body: { field: "from" } });
    expect(await candles("symbol=BTCUSDT.P&timeframe=5m&from=1735689600000&to=1e300")).toMatchObject({ status: 400, body: { field: "to" } });
    expect(await candles("symbol=BTCUSDT.P&timeframe=5m&from=abc&to=1735689600000")).toMatchObject({ status: 400, body: { field: "from" } });
    expect(await candles("symbol=../etc&timeframe=5m&from=1735689600000&to=1735693200000")).toMatchObject({ status: 400, body: { field: "symbol" } });
    expect((await candles("symbol=BTCUSDT.P&timeframe=5m&from=1735689600000&to=1735693200000")).status, "within bounds").toBe(200);
  });

  it("market candles: at most 12 rules, each one the parser accepts", async () => {
    const window = "symbol=BTCUSDT.P&timeframe=5m&from=1735689600000&to=1735693200000";
    const rules = (n: number) => encodeURIComponent(Array.from({ length: n }, (_, i) => `RSI(${i + 2}) < 30`).join("\n"));
    expect(await candles(`${window}&rules=${rules(13)}`)).toMatchObject({ status: 400, body: { field: "rules" } });
    expect((await candles(`${window}&rules=${encodeURIComponent("RSI(14) <")}`)).status, "a rule that does not parse").toBe(422);
    expect((await candles(`${window}&rules=${rules(12)}`)).status).toBe(200);
  });

  it("a run's trades: an offset past any run", async () => {
    const runId = "00000000-0000-4000-8000-000000000000";
    const response = await tradesOfRun(new Request(`http://127.0.0.1/api/backtests/runs/${runId}/trades?offset=1e15`), { params: Promise.resolve({ runId }) });
    expect(await answer(response)).toMatchObject({ status: 400, body: { field: "offset" } });
  });

  it("backtest batches: a limit past 100, a batch that is not an id, an unknown batch", async () => {
    const list = async (query: string) => answer(await backtests(new Request(`http://127.0.0.1/api/backtests?${query}`)));
    expect(await list("limit=1000")).toMatchObject({ status: 400, body: { field: "limit" } });
    expect(await list("batch=../etc")).toMatchObject({ status: 400, body: { field: "batch" } });
    expect(await list("batch=00000000-0000-4000-8000-000000000000")).toMatchObject({ status: 404, body: { field: "batch" } });
    expect((await list("limit=5")).status, "within bounds").toBe(200);
  });
});
