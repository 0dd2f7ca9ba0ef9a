import { describe, expect, it } from "vitest";
import { parameterHeatmaps, profitFactorBand, type HeatmapHypothesis, type HeatmapTrial } from "./parameter-heatmap";

const rsi = (period: number, level: number, stop = 1.5): HeatmapHypothesis => ({
  id: `rsi-${period}-${level}-${stop}`,
  name: `RSI${period}_Oversold${level}`,
  timeframe: "5m",
  direction: "long",
  rules: [`RSI(${period}) < ${level}`, "Close > Open", `${stop} ATR below entry`, `${stop * 2} ATR above entry`],
});
const trial = (h: HeatmapHypothesis, symbol: string, profitFactor: number | null, trades = 40): HeatmapTrial => ({ hypothesisId: h.id, symbol, trades, profitFactor, profitFactorUnbounded: false });

describe("parameterHeatmaps", () => {
  it("grids a family over its two varying parameters, one grid per instrument", () => {
    const family = [rsi(7, 20), rsi(7, 30), rsi(14, 20), rsi(14, 30), rsi(21, 30)];
    const maps = parameterHeatmaps(family, [...family.map((h) => trial(h, "BTCUSDT.P", 1.2)), trial(family[0] ?? rsi(0, 0), "ETHUSDT.P", 0.9)]);
    expect(maps.map((m) => m.symbol)).toEqual(["BTCUSDT.P", "ETHUSDT.P"]);
    const [btc] = maps;
    expect(btc?.x, "the parameter with most values is x").toEqual({ label: "RSI(□) < ·", values: [7, 14, 21] });
    expect(btc?.y).toEqual({ label: "RSI(·) < □", values: [20, 30] });
    expect(btc?.family, "shared numbers stay as they are").toBe("RSI(□) < □ · Close > Open · 1.5 ATR below entry · 3 ATR above entry");
    expect(btc?.cells.find((c) => c.x === 21 && c.y === 30)?.trial?.profitFactor).toBe(1.2);
    expect(btc?.cells.some((c) => c.x === 21 && c.y === 20), "a setting the catalog did not generate has no cell").toBe(false);
    expect(maps[1]?.cells.filter((c) => c.trial === null), "trials not analysed on that instrument").toHaveLength(4);
  });

  it("draws a strip for one parameter, and counts numbers that move together as one", () => {
    const family = [rsi(14, 20, 1), rsi(14, 20, 1.5), rsi(14, 20, 2)];
    const [strip] = parameterHeatmaps(family, family.map((h) => trial(h, "BTCUSDT.P", 1)));
    expect(strip?.y, "target = 2 × stop is the stop's parameter, not a second axis").toBeNull();
    expect(strip?.x).toEqual({ label: "□ ATR below entry", values: [1, 1.5, 2] });
    expect(strip?.family, "the target that moves with the stop is not shown as one fixed number").toBe("RSI(14) < 20 · Close > Open · □ ATR below entry · □ ATR above entry");
  });

  it("splits a family of three parameters into grids with the third held fixed", () => {
    const family = [rsi(7, 20, 1), rsi(14, 20, 1), rsi(7, 30, 1), rsi(7, 20, 2), rsi(14, 30, 2)];
    const maps = parameterHeatmaps(family, family.map((h) => trial(h, "BTCUSDT.P", 1)));
    expect(maps.map((m) => m.fixed).sort()).toEqual(["1 ATR below entry", "2 ATR below entry"]);
  });

  it("gives no grid for a hypothesis alone in its family or rules that differ in words", () => {
    const other: HeatmapHypothesis = { ...rsi(14, 20), id: "x", rules: ["RSI(14) > 70", "Close < Open"] };
    expect(parameterHeatmaps([rsi(14, 20), other], [])).toEqual([]);
  });
});

describe("profitFactorBand", () => {
  const t = (profitFactor: number | null, trades = 40, unbounded = false): HeatmapTrial => ({ hypothesisId: "h", symbol: "s", trades, profitFactor, profitFactorUnbounded: unbounded });
  it("bands against breaking even and the timeframe's bar", () => {
    expect([0.5, 0.9, 1.1, 1.3, 2].map((pf) => profitFactorBand(t(pf), 1.3))).toEqual(["loss-deep", "loss", "below-bar", "at-bar", "strong"]);
    expect(profitFactorBand(t(null, 0), 1.3)).toBe("no-trades");
    expect(profitFactorBand(t(null, 5, true), 1.3)).toBe("unbounded");
    expect(profitFactorBand(null, 1.3)).toBe("not-analysed");
  });
});
