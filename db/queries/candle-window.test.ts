import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomWalkSeries } from "@/lib/market/testing/random-walk-series";
import { resampleUnchecked } from "@/lib/market/testing/resample-unchecked";
import { chartIndicatorPlan } from "@/lib/signals/chart-indicators";
import { operandValues } from "@/lib/signals/compile-rule";
import { IndicatorCache } from "@/lib/signals/indicator-cache";
import { parseCondition } from "@/lib/signals/rule-parser";
import { closedBarIndex } from "@/lib/signals/timeframe-alignment";
import type { DatabaseHandle } from "../client";
import { openTestDatabase } from "../testing/test-databases";
import { loadCandleWindow } from "./candle-window";
import { upsertCandles } from "./candles";

const RULES = ["RSI(14) < 30", "MACD(12,26,9).histogram crosses above 0", "ADX(14) > 25", "Volume > 1.5x Volume average", "15m: Close > EMA(20)"];

describe("loadCandleWindow", () => {
  let handle: DatabaseHandle;
  const base = randomWalkSeries("BTCUSDT.P", "5m", 4000, 11);
  const higher = resampleUnchecked(base, "15m");
  beforeAll(async () => {
    handle = await openTestDatabase();
    await upsertCandles(handle.db, "BTCUSDT.P", "5m", base);
    await upsertCandles(handle.db, "BTCUSDT.P", "15m", higher);
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("draws the values the backtest compared, computed on the whole history, for a window deep inside it", async () => {
    const plan = chartIndicatorPlan(RULES.map(parseCondition), "5m");
    const from = base.time[3000] ?? 0;
    const to = base.time[3399] ?? 0;
    const window = await loadCandleWindow(handle.db, "BTCUSDT.P", "5m", from, to, plan);
    expect(window.time).toHaveLength(400);
    expect(window.thresholds).toEqual([
      { pane: "RSI(14)", value: 30 },
      { pane: "MACD(12,26,9)", value: 0 },
      { pane: "ADX(14)", value: 25 },
    ]);
    // What the engine reads: each operand on the whole stored series, the 15m one as of its last closed bar.
    const cache = new IndicatorCache();
    const index = closedBarIndex(base, higher);
    for (const [k, s] of plan.series.entries()) {
      const full = s.timeframe
        ? (() => {
            const v = operandValues(s.operand, higher, { base: higher, higher: {}, cache });
            return Array.from(index, (j) => (typeof v === "number" ? v : (v[j] ?? Number.NaN)));
          })()
        : Array.from(operandValues(s.operand, base, { base, higher: {}, cache }) as Float64Array);
      const drawn = window.overlays[k];
      expect(drawn?.label).toBe(s.label);
      const worst = Math.max(...(drawn?.values ?? []).map((v, i) => Math.abs((v ?? Number.NaN) - (full[3000 + i] ?? Number.NaN)) / Math.max(1, Math.abs(full[3000 + i] ?? 1))));
      expect(worst, `${s.label} equals the backtest's values`).toBeLessThan(1e-8);
    }
  });
});
