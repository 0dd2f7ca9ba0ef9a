import { type Hypothesis, type HypothesisInput, hypothesisSchema } from "../../signals/hypothesis";

/** A hypothesis from the fields that matter to trading; the rest are filler. */
export function hypothesis(fields: Pick<HypothesisInput, "id" | "timeframe" | "direction" | "entryConditions" | "stopLoss" | "target"> & Partial<HypothesisInput>): Hypothesis {
  return hypothesisSchema.parse({
    name: fields.id,
    description: "test hypothesis",
    typicalHoldMinutes: [30, 120],
    slippagePips: 1.5,
    expectedAccuracy: 0.5,
    signalType: "mean_reversion",
    indicatorsUsed: [],
    regimeBest: "any",
    fundingRateConsideration: "none",
    ...fields,
  });
}
