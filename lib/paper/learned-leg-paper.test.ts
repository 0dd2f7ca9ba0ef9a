import { describe, expect, it } from "vitest";
import { ResearchCache } from "../hypothesis-runs/research-cache";
import { ensembleVariant, metaLabelVariant } from "../learning/ensembles";
import { learnedInputs, type LearnedModels } from "../learning/learned-leg";
import { metaLabelWalkForward } from "../learning/meta-label";
import { PaperEngine, paperLegId } from "./paper-engine";
import { CONFIG, backtestOf, settingsOf } from "./testing/backtest-of";
import { generatedBundles } from "./testing/generated-bundles";
import { replayInto, tradesOf } from "./testing/replay-into";
import { hypothesis } from "./testing/test-hypothesis";
import type { PaperConfig } from "./types";

const SYMBOL = "BTCUSDT.P";
const bundles = generatedBundles([SYMBOL], 14, ["5m", "30m"]);
const settings = settingsOf({ limits: { ...settingsOf().limits, maxDrawdown: 0.9, dailyLossLimit: -0.9 } });

const base = hypothesis({ id: "rsi-long-5m", timeframe: "5m", direction: "long", entryConditions: ["RSI(14) < 45"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 90 });
const other = hypothesis({ id: "ema-long-5m", timeframe: "5m", direction: "long", entryConditions: ["Close > EMA(20)", "RSI(14) < 55"], stopLoss: "1.5 ATR below entry", target: "2R", maxHoldMinutes: 90 });

/** A meta-labelled variant trained walk-forward on the whole data, with few trees: these tests are about parity. */
function trained(): { variant: ReturnType<typeof metaLabelVariant>; models: LearnedModels; plainTrades: number } {
  const variant = metaLabelVariant(base);
  const bundle = bundles[0];
  if (!bundle) throw new Error("no bundle");
  const inputs = learnedInputs(variant, bundle, new ResearchCache(CONFIG.regime), settings);
  const result = metaLabelWalkForward({ leg: inputs.leg, trades: inputs.plainTrades, features: inputs.features, options: { folds: 3, minLabels: 40, minTrainLabels: 30, maxTrainLabels: 80, classifier: { trees: 10 } } });
  if (result.kind === "skipped") throw new Error(result.reason);
  return { variant, models: { versions: result.versions, settings }, plainTrades: inputs.plainTrades.length };
}

const configOf = (legs: PaperConfig["legs"]): PaperConfig => ({ legs, settings, regime: CONFIG.regime, minuteBars: false });

describe("a learned variant on paper", () => {
  it("takes, bar by bar on the data known then, exactly the entries its backtest took with the same model versions", () => {
    const { variant, models, plainTrades } = trained();
    const config = configOf([{ id: paperLegId(SYMBOL, variant), symbol: SYMBOL, hypothesis: variant, learned: models }]);
    const backtest = backtestOf(config, bundles);
    const paper = tradesOf(replayInto(new PaperEngine(config), bundles));
    expect(backtest.trades.length, "the gate lets some entries through").toBeGreaterThan(5);
    expect(backtest.trades.length, "and holds others back").toBeLessThan(plainTrades);
    expect(backtest.trades[0]?.entryTime ?? 0, "nothing before the first model").toBeGreaterThanOrEqual(models.versions[0]?.validFrom ?? Infinity);
    expect(paper).toEqual(backtest.trades);
  });

  it("votes with its members' rules on paper as in the backtest, not with the AND of their conditions", () => {
    const vote = ensembleVariant([base, other], "vote", 1);
    const config = configOf([{ id: paperLegId(SYMBOL, vote), symbol: SYMBOL, hypothesis: vote }]);
    const backtest = backtestOf(config, bundles);
    const paper = tradesOf(replayInto(new PaperEngine(config), bundles));
    const lead = backtestOf(configOf([{ id: paperLegId(SYMBOL, vote), symbol: SYMBOL, hypothesis: base }]), bundles);
    expect(backtest.trades, "one vote of two trades other bars than the lead alone").not.toEqual(lead.trades);
    expect(paper).toEqual(backtest.trades);
  });

  it("refuses a gated variant without its models when the account is built", () => {
    const variant = metaLabelVariant(base);
    expect(() => new PaperEngine(configOf([{ id: "x", symbol: SYMBOL, hypothesis: variant }]))).toThrow(/gated by trained models/);
  });
});
