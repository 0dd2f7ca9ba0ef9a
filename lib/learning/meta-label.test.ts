import { describe, expect, it } from "vitest";
import { barCloseTimes } from "@/lib/backtest/bar-close-times";
import { LearningError } from "./errors";
import { metaLabelReport } from "./meta-label-report";
import { metaLabelWalkForward } from "./meta-label";
import { gateAt } from "./model-gate";
import { modelVersionSchema } from "./model-version";
import { featureRow } from "./signal-features";
import { metaLabelFlow } from "./testing/meta-label-flow";
import { plantedOutcomeMarket } from "./testing/planted-outcome-market";

const hourOf = (t: number) => new Date(t).getUTCHours();

describe("metaLabelWalkForward on a planted feature → outcome", () => {
  // Signals whose bar closes in UTC hours 0–11 reach the target 85 % of the time, the others 15 %.
  const market = plantedOutcomeMarket(12_000, 1, (closeTime) => (hourOf(closeTime) < 12 ? 0.85 : 0.15));
  const flow = metaLabelFlow(market.series, market.entrySignal);
  const { result, variant } = flow;
  if (result.kind !== "trained" || !variant) throw new Error(`expected a trained result, got ${JSON.stringify(result)}`);
  const report = metaLabelReport({ result, plainTrades: flow.plain.trades, variantTrades: variant.trades });

  it("trains one version per test window, each on labels over before it starts", () => {
    expect(flow.plain.trades.length).toBe(market.signals.length);
    expect(result.versions.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const embargo = flow.input.maxHoldMinutes * 60_000;
    for (const v of result.versions) {
      expect(v.trainTo + embargo).toBeLessThan(v.validFrom);
      expect(v.metrics.labels).toBeGreaterThanOrEqual(40);
    }
    expect(result.oosFrom).toBe(result.versions[0]?.validFrom);
    expect(variant.trades.every((t) => t.entryTime >= result.oosFrom)).toBe(true);
  });

  it("ranks the planted feature most important in every version", () => {
    const top = (importances: Record<string, number>) => Object.entries(importances).sort((a, b) => b[1] - a[1])[0]?.[0];
    expect(top(report.importances)).toBe("hour_utc");
    for (const v of result.versions) expect(top(v.metrics.importances), `version ${v.version}`).toBe("hour_utc");
  });

  it("beats the plain hypothesis out of sample: higher win rate and net PnL, fewer losing trades", () => {
    const { plain, filtered } = report;
    expect(plain.trades).toBeGreaterThan(200);
    expect(filtered.winRate ?? 0).toBeGreaterThan((plain.winRate ?? 0) + 0.2);
    expect(filtered.netPnl).toBeGreaterThan(plain.netPnl);
    expect(filtered.losses).toBeLessThan(plain.losses / 2);
    expect(result.versions.every((v) => v.threshold > 0)).toBe(true);
  });

  it("is calibrated: the plain trades predicted below one half won far less often than those above", () => {
    const low = report.calibration.filter((b) => b.to <= 0.5);
    const high = report.calibration.filter((b) => b.from >= 0.5);
    const rate = (bins: typeof low) => bins.reduce((a, b) => a + (b.winRate ?? 0) * b.n, 0) / bins.reduce((a, b) => a + b.n, 0);
    expect(report.calibration.reduce((a, b) => a + b.n, 0)).toBe(report.plain.trades);
    expect(rate(low)).toBeLessThan(0.3);
    expect(rate(high)).toBeGreaterThan(0.7);
  });

  it("decides every bar as gateAt does with the stored versions (backtest and paper alike)", () => {
    const stored = result.versions.map((v) => modelVersionSchema.parse(JSON.parse(JSON.stringify(v))));
    const close = barCloseTimes(market.series);
    let decided = 0;
    for (let i = 0; i < market.series.length; i++) {
      const decision = gateAt(stored, featureRow(flow.features, i), close[i] ?? 0);
      if ((close[i] ?? 0) < result.oosFrom) expect(decision).toBeNull();
      if (market.entrySignal[i] !== 1) {
        expect(result.gate[i]).toBe(0);
        continue;
      }
      expect(result.gate[i], `bar ${i}`).toBe(decision?.take ? 1 : 0);
      if (decision) {
        expect(result.probability[i]).toBe(decision.probability);
        decided++;
      }
    }
    expect(decided).toBeGreaterThan(300);
  });
});

describe("metaLabelWalkForward's refusals", () => {
  const market = plantedOutcomeMarket(1_200, 2, () => 0.5);
  const flow = metaLabelFlow(market.series, market.entrySignal);

  it("skips a hypothesis with too few trades, saying why", () => {
    expect(flow.plain.trades.length).toBeLessThan(60);
    expect(flow.result).toEqual({ kind: "skipped", reason: `${flow.plain.trades.length} plain trades: meta-labelling needs at least 60`, labels: flow.plain.trades.length });
  });

  it("refuses features or trades that do not belong to the leg", () => {
    const short = { names: flow.features.names, columns: flow.features.columns.map((c) => c.subarray(1)) };
    expect(() => metaLabelWalkForward({ leg: flow.input, trades: flow.plain.trades, features: short })).toThrow(/has 1199 values/);
    const stray = [{ ...(flow.plain.trades[0] ?? { entryTime: 0, exitTime: 0, netPnl: 0, r: 0 }), entryIndex: 0 }];
    expect(() => metaLabelWalkForward({ leg: flow.input, trades: stray, features: flow.features })).toThrow(LearningError);
    expect(() => metaLabelWalkForward({ leg: flow.input, trades: [], features: flow.features, options: { minTrainLabels: 500 } })).toThrow(/maxTrainLabels/);
  });
});
