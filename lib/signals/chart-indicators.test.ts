import { describe, expect, it } from "vitest";
import { chartIndicatorPlan, chartWarmupBars } from "./chart-indicators";
import { parseCondition } from "./rule-parser";

const plan = (...rules: string[]) => chartIndicatorPlan(rules.map(parseCondition), "5m");
const panes = (...rules: string[]) => plan(...rules).series.map((s) => [s.label, s.pane, s.style]);

describe("chartIndicatorPlan", () => {
  it("puts an RSI rule's RSI in its own pane with the rule's level", () => {
    const p = plan("RSI(14) < 30", "Close > Open");
    expect(p.series.map((s) => [s.label, s.pane])).toEqual([["RSI(14)", "RSI(14)"]]);
    expect(p.thresholds, "the 30 the rule compares with").toEqual([{ pane: "RSI(14)", value: 30 }]);
  });

  it("draws price indicators over the candles and MACD with signal and histogram in one pane", () => {
    expect(panes("Close > SMA(50)", "MACD(12,26,9).histogram crosses above 0", "Close < BB(20,2).lower")).toEqual([
      ["SMA(50)", "price", "line"],
      ["MACD(12,26,9)", "MACD(12,26,9)", "line"],
      ["MACD(12,26,9).signal", "MACD(12,26,9)", "line"],
      ["MACD(12,26,9).histogram", "MACD(12,26,9)", "histogram"],
      ["BB(20,2).upper", "price", "line"],
      ["BB(20,2)", "price", "line"],
      ["BB(20,2).lower", "price", "line"],
    ]);
    expect(plan("MACD(12,26,9).histogram crosses above 0").thresholds).toEqual([{ pane: "MACD(12,26,9)", value: 0 }]);
  });

  it("draws averages and multiples beside what they average, on that series' pane", () => {
    expect(panes("Volume > 2x Volume average", "ATR(14) > 1.2x ATR(14) average", "ADX(14) > 25")).toEqual([
      ["2x Volume average", "volume", "line"],
      ["Volume average", "volume", "line"],
      ["ATR(14)", "ATR(14)", "line"],
      ["1.2x ATR(14) average", "ATR(14)", "line"],
      ["ATR(14) average", "ATR(14)", "line"],
      ["ADX(14)", "ADX(14)", "line"],
    ]);
  });

  it("leaves out Funding and the chart's own prices (they are the candles)", () => {
    expect(plan("Funding > 0.0005", "Close > Open", "OBV rising 5").series.map((s) => s.label)).toEqual(["OBV"]);
  });

  it("draws another timeframe's values prefixed, on the price pane or a pane of their own", () => {
    const p = plan("30m: Close > SMA(200)", "15m: RSI(14) < 45", "5m: EMA(20) < Close");
    expect(p.series.map((s) => [s.label, s.pane, s.timeframe])).toEqual([
      ["30m: Close", "price", "30m"],
      ["30m: SMA(200)", "price", "30m"],
      ["15m: RSI(14)", "15m: RSI(14)", "15m"],
      ["EMA(20)", "price", undefined],
    ]);
    expect(p.thresholds).toEqual([{ pane: "15m: RSI(14)", value: 45 }]);
  });

  it("warms smoothed indicators up long enough to forget their seed", () => {
    expect(chartWarmupBars(plan("RSI(14) < 30").series), "20 × RSI's warm-up").toBe(280);
    expect(chartWarmupBars(plan("Close > SMA(50)").series)).toBe(49);
    expect(chartWarmupBars(plan("Close > Open").series)).toBe(0);
  });
});
