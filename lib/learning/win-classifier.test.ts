import { describe, expect, it } from "vitest";
import { uniformDraws } from "@/lib/market/testing/uniform-draws";
import { LearningError } from "./errors";
import { loadWinClassifier, trainWinClassifier } from "./win-classifier";

const NAMES = ["noise_a", "signal", ...Array.from({ length: 8 }, (_, k) => `noise_${k}`)];

/** 200 rows of 10 features: the label is 1 when `signal` > 0.5, flipped for one row in ten. */
function planted(seed: number): { X: number[][]; y: (0 | 1)[] } {
  const rand = uniformDraws(seed);
  const X: number[][] = [];
  const y: (0 | 1)[] = [];
  for (let i = 0; i < 200; i++) {
    const row = NAMES.map(() => rand());
    X.push(row);
    const win = (row[1] ?? 0) > 0.5 !== rand() < 0.1;
    y.push(win ? 1 : 0);
  }
  return { X, y };
}

describe("trainWinClassifier", () => {
  const { X, y } = planted(5);
  const classifier = trainWinClassifier(X, y);

  it("learns a planted feature: it ranks first, and P(win) separates the rows", () => {
    const importances = classifier.importances(NAMES);
    expect(Object.entries(importances).sort((a, b) => b[1] - a[1])[0]?.[0]).toBe("signal");
    expect(Object.values(importances).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const row = (signal: number) => NAMES.map((name) => (name === "signal" ? signal : 0.5));
    const [low, high] = classifier.probabilities([row(0.1), row(0.9)]);
    expect(low).toBeLessThan(0.3);
    expect(high).toBeGreaterThan(0.7);
  });

  it("gives out-of-bag probabilities that predict the labels it did not see", () => {
    const oob = classifier.oobProbabilities();
    expect(oob).toHaveLength(X.length);
    expect(oob.every((p) => p >= 0 && p <= 1)).toBe(true);
    const right = oob.filter((p, i) => (p > 0.5 ? 1 : 0) === y[i]).length;
    expect(right / oob.length).toBeGreaterThan(0.8);
  });

  it("is deterministic for a seed and round-trips exactly through its JSON", () => {
    const json = classifier.toJSON();
    expect(trainWinClassifier(X, y).toJSON()).toEqual(json);
    const loaded = loadWinClassifier(JSON.parse(JSON.stringify(json)));
    expect(loaded.toJSON()).toEqual(json);
    expect(loaded.probabilities(X)).toEqual(classifier.probabilities(X));
    expect(loaded.importances(NAMES)).toEqual(classifier.importances(NAMES));
    expect(trainWinClassifier(X, y, { seed: 2 }).toJSON()).not.toEqual(json);
  });

  it("refuses bad rows, labels, options and stored models with the field's name", () => {
    expect(() => trainWinClassifier([[1], [Number.NaN]], [0, 1])).toThrow(/X\[1\]\[0\]/);
    expect(() => trainWinClassifier([[1], [2]], [0, 2 as 1])).toThrow(/y\[1\]/);
    expect(() => trainWinClassifier([[1], [2, 3]], [0, 1])).toThrow(/X\[1\] has 2 features/);
    expect(() => trainWinClassifier(X, y, { trees: 0 })).toThrow(/trees/);
    expect(() => classifier.probabilities([[1, 2]])).toThrow(/the classifier 10/);
    expect(() => loadWinClassifier({ format: "win-classifier/1" })).toThrow(LearningError);
    const json = classifier.toJSON();
    expect(() => loadWinClassifier({ ...json, forest: { ...json.forest, name: "RFRegression" } })).toThrow(/INVALID|forest\.name/);
  });
});
