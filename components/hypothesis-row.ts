/** What the Signals table shows of a stored hypothesis (a plain object the server page passes to the client). */
export interface HypothesisRow {
  id: string;
  name: string;
  timeframe: string;
  direction: "long" | "short";
  signalType: string;
  entryConditions: string[];
  stopLoss: string;
  target: string;
  expectedAccuracy: number;
  typicalHoldMinutes: [number, number];
  regimeBest: string;
  description: string;
  source: "discovery" | "custom" | "file";
}
