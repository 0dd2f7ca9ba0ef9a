import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "../client";
import { constantTextColumn, copyRows, float8Column, int8Column } from "./bulk-write";
import { COPY_MIN_ROWS, countCandles, loadCandles, upsertCandles, candlesToColumns } from "./candles";
import { resultRows } from "./result-rows";
import { openTestDatabase } from "../testing/test-databases";

const MIN = 60_000;
const bars = (n: number, start: number, close = 100.5) =>
  Array.from({ length: n }, (_, i) => ({ time: start + i * MIN, open: 100 + i, high: 101 + i, low: 99 + i, close: close + i, volume: 10 + i / 3 }));

describe("bulk writes through binary COPY", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    await handle.db.execute(sql`create table copy_probe (label text not null, time bigint not null, value float8 not null)`);
  });
  afterAll(async () => {
    await handle?.close();
  });

  const abortedConnections = async () => {
    const rows = await handle.db.execute(sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and state = 'idle in transaction (aborted)'`);
    return resultRows<{ n: number }>(rows)[0]?.n;
  };

  it("round-trips integers and doubles bit for bit, text as UTF-8", async () => {
    const time = [0, -1, 2 ** 32, -(2 ** 32) - 1, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
    const value = [-0, 5e-324, 0.1 + 0.2, 1.7976931348623157e308, -65432.123456789, Number.POSITIVE_INFINITY];
    const columns = [constantTextColumn("label", "BTC₮.P"), int8Column("time", time), float8Column("value", value)];
    await handle.db.transaction((tx) => copyRows(tx, "copy_probe", columns, 0, time.length));
    const rows = resultRows<{ label: string; time: string; value: number }>(await handle.db.execute(sql`select label, time::text as time, value from copy_probe`));
    expect(rows.map((r) => r.label)).toEqual(time.map(() => "BTC₮.P"));
    expect(rows.map((r) => Number(r.time))).toEqual(time);
    expect(rows.map((r) => r.value)).toEqual(value);
  });

  it("refuses a fractional bigint instead of rounding it, and rolls back", async () => {
    const columns = [constantTextColumn("label", "frac"), int8Column("time", [1, 2.5]), float8Column("value", [1, 2])];
    await expect(handle.db.transaction((tx) => copyRows(tx, "copy_probe", columns, 0, 2))).rejects.toThrow(/time 2\.5 at row 1 is not an integer/);
    const rows = resultRows<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from copy_probe where label = 'frac'`));
    expect(rows[0]?.n).toBe(0);
    expect(await abortedConnections(), "the failed COPY's connection was rolled back").toBe(0);
  });

  it("reports a rejection that comes after the last row instead of hanging", { timeout: 10_000 }, async () => {
    await upsertCandles(handle.db, "DUPUSDT.P", "1m", candlesToColumns(bars(3, Date.UTC(2026, 0, 1))));
    const again = candlesToColumns(bars(3, Date.UTC(2026, 0, 1)));
    const columns = [
      constantTextColumn("symbol", "DUPUSDT.P"),
      constantTextColumn("timeframe", "1m"),
      int8Column("time", again.time),
      ...(["open", "high", "low", "close", "volume"] as const).map((name) => float8Column(name, again[name])),
    ];
    // Straight into the table past upsertCandles' overlap check: the duplicate key is found once all rows are sent.
    await expect(handle.db.transaction((tx) => copyRows(tx, "candles", columns, 0, 3))).rejects.toThrow(/duplicate key/);
    expect(await abortedConnections()).toBe(0);
    expect(await countCandles(handle.db, "DUPUSDT.P", "1m")).toBe(3);
  });
});

/** Enough rows to take the COPY paths rather than a single `unnest` upsert. */
const N = COPY_MIN_ROWS + 1000;

describe("upsertCandles around stored bars", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("copies bars before and after the stored ones and upserts those among them", async () => {
    const start = Date.UTC(2025, 0, 1);
    await upsertCandles(handle.db, "BTCUSDT.P", "1m", candlesToColumns(bars(N, start + N * MIN)));
    const wider = bars(3 * N, start, 500);
    await upsertCandles(handle.db, "BTCUSDT.P", "1m", candlesToColumns(wider));
    expect(await loadCandles(handle.db, "BTCUSDT.P", "1m"), "the newer values everywhere, one copy each").toEqual(wider);
  });

  it("interleaves new bars with stored ones", async () => {
    const all = bars(2 * N, Date.UTC(2025, 1, 1));
    await upsertCandles(handle.db, "ETHUSDT.P", "1m", candlesToColumns(all.filter((_, i) => i % 2 === 0)));
    await upsertCandles(handle.db, "ETHUSDT.P", "1m", candlesToColumns(all.filter((_, i) => i % 2 === 1)));
    expect(await loadCandles(handle.db, "ETHUSDT.P", "1m")).toEqual(all);
  });

  it("takes bars in any order", async () => {
    const all = bars(N, Date.UTC(2025, 2, 1));
    await upsertCandles(handle.db, "BNBUSDT.P", "1m", candlesToColumns([...all].reverse()));
    expect(await loadCandles(handle.db, "BNBUSDT.P", "1m")).toEqual(all);
  });

  it("reports progress several times for a large series, ending at the total", async () => {
    const reports: number[] = [];
    const rows = bars(50_000, Date.UTC(2024, 0, 1));
    await upsertCandles(handle.db, "SOLUSDT.P", "1m", candlesToColumns(rows), (written, total) => {
      expect(total).toBe(rows.length);
      reports.push(written);
    });
    expect(reports.length).toBeGreaterThan(3);
    expect(reports, "increasing").toEqual([...reports].sort((a, b) => a - b));
    expect(reports.at(-1)).toBe(rows.length);
  });

  it("writes nothing when progress reporting throws mid-series (a cancelled job)", async () => {
    const cancel = async (written: number) => {
      if (written > 20_000) throw new Error("cancelled");
    };
    await expect(upsertCandles(handle.db, "ADAUSDT.P", "1m", candlesToColumns(bars(50_000, Date.UTC(2024, 3, 1))), cancel)).rejects.toThrow("cancelled");
    expect(await countCandles(handle.db, "ADAUSDT.P", "1m")).toBe(0);
  });

  it("commits and rolls back with a caller's transaction", async () => {
    const cols = candlesToColumns(bars(N, Date.UTC(2024, 9, 1)));
    const rollback = new Error("the caller fails after storing");
    await expect(
      handle.db.transaction(async (tx) => {
        await upsertCandles(tx, "DOTUSDT.P", "1m", cols);
        await upsertCandles(tx, "DOTUSDT.P", "1m", cols);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    expect(await countCandles(handle.db, "DOTUSDT.P", "1m")).toBe(0);
    await handle.db.transaction((tx) => upsertCandles(tx, "DOTUSDT.P", "1m", cols));
    expect(await countCandles(handle.db, "DOTUSDT.P", "1m")).toBe(N);
  });

  it("lets concurrent writers of the same new bars both succeed", async () => {
    const cols = candlesToColumns(bars(N, Date.UTC(2024, 6, 1)));
    await Promise.all([upsertCandles(handle.db, "XRPUSDT.P", "1m", cols), upsertCandles(handle.db, "XRPUSDT.P", "1m", cols)]);
    expect(await countCandles(handle.db, "XRPUSDT.P", "1m")).toBe(N);
  });
});
