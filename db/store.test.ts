import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "./client";
import { candleCoverage, candleGaps, loadCandleSeries, countCandles, lastCandleTime, loadCandles, upsertCandles, candlesToColumns } from "./queries/candles";
import { loadFundingRates, upsertFundingRates } from "./queries/funding-rates";
import { migrationStatus } from "./queries/health";
import { resultRows } from "./queries/result-rows";
import { openTestDatabase } from "./testing/test-databases";

const MIN = 60_000;
const bars = (n: number, start = Date.UTC(2026, 0, 1)) =>
  Array.from({ length: n }, (_, i) => ({ time: start + i * MIN, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 10 + i / 3 }));

describe("store on PostgreSQL", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("applies every committed migration", async () => {
    const status = await migrationStatus(handle.db);
    expect(status.expected, "the journal lists at least the initial migration").toBeGreaterThan(0);
    expect(status.applied).toBe(status.expected);
    const tables = await handle.db.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`);
    const names = resultRows<{ table_name: string }>(tables).map((r) => r.table_name);
    for (const t of ["candles", "funding_rates", "hypotheses", "backtest_runs", "backtest_trades", "jobs", "paper_accounts", "paper_fills", "live_orders", "live_events"]) {
      expect(names, `table ${t} exists`).toContain(t);
    }
  });

  it("upserts candles idempotently across batches", async () => {
    const rows = bars(12_345); // more than two batches
    await upsertCandles(handle.db, "BTCUSDT.P", "1m", candlesToColumns(rows));
    await upsertCandles(handle.db, "BTCUSDT.P", "1m", candlesToColumns(rows));
    expect(await countCandles(handle.db, "BTCUSDT.P", "1m"), "importing twice leaves one copy").toBe(12_345);

    const changed = rows.slice(100, 102).map((c) => ({ ...c, close: c.close + 0.25 }));
    await upsertCandles(handle.db, "BTCUSDT.P", "1m", candlesToColumns(changed));
    const loaded = await loadCandles(handle.db, "BTCUSDT.P", "1m", { fromMs: rows[100]!.time, toMs: rows[101]!.time });
    expect(loaded).toEqual(changed);
    expect(await lastCandleTime(handle.db, "BTCUSDT.P", "1m")).toBe(rows.at(-1)!.time);
    const coverage = await candleCoverage(handle.db);
    expect(coverage).toContainEqual({ symbol: "BTCUSDT.P", timeframe: "1m", first: rows[0]!.time, last: rows.at(-1)!.time, rows: 12_345 });
  });

  it("finds holes in a stored series", async () => {
    const rows = bars(20, Date.UTC(2023, 0, 1)).filter((_, i) => i !== 5 && i !== 6 && i !== 12);
    await upsertCandles(handle.db, "ETHUSDT.P", "1m", candlesToColumns(rows));
    expect(await candleGaps(handle.db, "ETHUSDT.P", "1m", MIN)).toEqual([
      { after: Date.UTC(2023, 0, 1) + 4 * MIN, before: Date.UTC(2023, 0, 1) + 7 * MIN, missingBars: 2 },
      { after: Date.UTC(2023, 0, 1) + 11 * MIN, before: Date.UTC(2023, 0, 1) + 13 * MIN, missingBars: 1 },
    ]);
  });

  it("keeps doubles exact through the bulk path", async () => {
    const tricky = [{ time: Date.UTC(2025, 5, 1), open: 0.1 + 0.2, high: 65432.123456789, low: 1e-9, close: 12345.6789012345, volume: 0 }];
    await upsertCandles(handle.db, "ETHUSDT.P", "5m", candlesToColumns(tricky));
    expect(await loadCandles(handle.db, "ETHUSDT.P", "5m")).toEqual(tricky);
    const columns = await loadCandleSeries(handle.db, "ETHUSDT.P", "5m");
    expect([columns.length, columns.time[0], columns.open[0], columns.high[0], columns.low[0], columns.close[0], columns.volume[0]], "the column loader is exact too").toEqual([
      1, tricky[0]!.time, tricky[0]!.open, tricky[0]!.high, tricky[0]!.low, tricky[0]!.close, tricky[0]!.volume,
    ]);
  });

  it("writes nothing when a later batch fails", async () => {
    const cols = candlesToColumns(bars(7_000, Date.UTC(2024, 0, 1)));
    // The first batch is valid; a fractional open time in the second makes the bigint cast fail.
    (cols.time as number[])[6_500] = 1.5;
    await expect(upsertCandles(handle.db, "BNBUSDT.P", "15m", cols)).rejects.toThrow();
    expect(await countCandles(handle.db, "BNBUSDT.P", "15m"), "the first batch rolled back with the second").toBe(0);
  });

  it("upserts funding rates idempotently", async () => {
    const rates = Array.from({ length: 30 }, (_, i) => ({ time: Date.UTC(2026, 0, 1) + i * 8 * 3600_000, rate: (i - 15) * 1e-5 }));
    await upsertFundingRates(handle.db, "BTCUSDT.P", rates);
    await upsertFundingRates(handle.db, "BTCUSDT.P", rates);
    expect(await loadFundingRates(handle.db, "BTCUSDT.P")).toEqual(rates);
  });
});
