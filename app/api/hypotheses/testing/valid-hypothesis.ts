/** A custom hypothesis the save route accepts, as the Signals form sends it; tests vary one field at a time. */
export const VALID_HYPOTHESIS = {
  name: "oversold bounce",
  timeframe: "15m",
  direction: "long",
  description: "RSI oversold above the trend",
  entryConditions: ["RSI(14) < 30"],
  stopLoss: "1 ATR below entry",
  target: "2R",
  typicalHoldMinutes: [30, 120],
  expectedAccuracy: 0.55,
  signalType: "mean_reversion",
  regimeBest: "ranging",
};
