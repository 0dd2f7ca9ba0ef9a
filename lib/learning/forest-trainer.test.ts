import { describe, expect, it } from "vitest";
import { uniformDraws } from "@/lib/market/testing/uniform-draws";
import { type ForestNode, growTree, routeRow, trainForest } from "./forest-trainer";
import { loadWinClassifier, trainWinClassifier } from "./win-classifier";

const RULES = { maxDepth: 4, minSplitRows: 5, gainThreshold: 0.01 };

function giniOf(labels: readonly number[]): number {
  if (labels.length === 0) return 0;
  const p1 = labels.filter((l) => l === 1).length / labels.length;
  return 1 - p1 * p1 - (1 - p1) * (1 - p1);
}

/** The slow, obvious tree: every feature, every midpoint of distinct values, both halves rebuilt and scored. */
function referenceTree(rows: readonly (readonly number[])[], labels: readonly number[], depth: number): ForestNode {
  const n1 = labels.filter((l) => l === 1).length;
  const leaf = { distribution: [[(labels.length - n1) / labels.length, n1 / labels.length]] };
  if (labels.length <= RULES.minSplitRows || depth >= RULES.maxDepth) return leaf;
  let best: { column: number; value: number; gain: number } | undefined;
  for (let column = 0; column < (rows[0]?.length ?? 0); column++) {
    const distinct = [...new Set(rows.map((r) => r[column] ?? 0))].sort((a, b) => a - b);
    for (let k = 1; k < distinct.length; k++) {
      const value = ((distinct[k - 1] ?? 0) + (distinct[k] ?? 0)) / 2;
      const left = labels.filter((_, i) => (rows[i]?.[column] ?? 0) < value);
      const right = labels.filter((_, i) => !((rows[i]?.[column] ?? 0) < value));
      const gain = giniOf(labels) - (left.length / labels.length) * giniOf(left) - (right.length / labels.length) * giniOf(right);
      if (!best || gain > best.gain + 1e-12) best = { column, value, gain };
    }
  }
  if (!best || !(best.gain > RULES.gainThreshold)) return leaf;
  const { column, value } = best;
  const side = (goLeft: boolean) => rows.map((r, i) => [r, labels[i] ?? 0] as const).filter(([r]) => ((r[column] ?? 0) < value) === goLeft);
  const left = side(true);
  const right = side(false);
  return {
    splitColumn: column,
    splitValue: value,
    gain: best.gain,
    numberSamples: labels.length,
    left: referenceTree(
      left.map(([r]) => r),
      left.map(([, l]) => l),
      depth + 1,
    ),
    right: referenceTree(
      right.map(([r]) => r),
      right.map(([, l]) => l),
      depth + 1,
    ),
  };
}

function expectSameTree(actual: ForestNode, expected: ForestNode): void {
  if ("distribution" in expected) {
    expect(actual).toEqual(expected);
    return;
  }
  expect("splitColumn" in actual).toBe(true);
  if (!("splitColumn" in actual)) return;
  expect([actual.splitColumn, actual.splitValue, actual.numberSamples]).toEqual([expected.splitColumn, expected.splitValue, expected.numberSamples]);
  expect(actual.gain).toBeCloseTo(expected.gain, 12);
  expectSameTree(actual.left, expected.left);
  expectSameTree(actual.right, expected.right);
}

/** Rows of 4 features on a coarse grid (many repeated values), won when feature 2 is high, 15 % of labels flipped. */
function gridData(seed: number, n: number): { X: number[][]; y: (0 | 1)[] } {
  const rand = uniformDraws(seed);
  const X = Array.from({ length: n }, () => [0, 1, 2, 3].map(() => Math.round(rand() * 12) / 4));
  const y = X.map((row) => (((row[2] ?? 0) > 1.6 !== rand() < 0.15) ? 1 : 0) as 0 | 1);
  return { X, y };
}

describe("growTree", () => {
  it("splits a separable feature at the midpoint of the gap, pure leaves either side, x < value going left", () => {
    const X = [[1], [2], [3], [4], [10], [11], [12], [13]];
    const y: (0 | 1)[] = [0, 0, 0, 0, 1, 1, 1, 1];
    const tree = growTree(X, y, [0, 1, 2, 3, 4, 5, 6, 7], [0], { ...RULES, minSplitRows: 1 });
    expect(tree).toEqual({ splitColumn: 0, splitValue: 7, gain: 0.5, numberSamples: 8, left: { distribution: [[1, 0]] }, right: { distribution: [[0, 1]] } });
  });

  it("picks the informative feature over a noisy one, and counts bootstrap repeats as rows", () => {
    const X = [
      [5, 0.1],
      [1, 0.2],
      [4, 0.3],
      [2, 0.4],
      [3, 0.6],
      [6, 0.7],
      [0, 0.8],
      [7, 0.9],
    ];
    const y: (0 | 1)[] = [0, 0, 0, 0, 1, 1, 1, 1];
    const tree = growTree(X, y, [0, 0, 1, 2, 3, 4, 5, 6, 7, 7], [0, 1], { ...RULES, minSplitRows: 1 });
    expect(tree).toMatchObject({ splitColumn: 1, splitValue: 0.5, numberSamples: 10 });
  });

  it("stops as ml-cart does: ≤ minSplitRows rows, maxDepth reached, or a gain not above the threshold (0.5 is not above 0.5)", () => {
    const X = [[1], [2], [3], [4], [10], [11], [12], [13]];
    const y: (0 | 1)[] = [0, 0, 0, 0, 1, 1, 1, 1];
    const all = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(growTree(X, y, all, [0], { ...RULES, minSplitRows: 8 })).toEqual({ distribution: [[0.5, 0.5]] });
    expect(growTree(X, y, all, [0], { ...RULES, maxDepth: 0 })).toEqual({ distribution: [[0.5, 0.5]] });
    expect(growTree(X, y, all, [0], { ...RULES, minSplitRows: 1, gainThreshold: 0.5 })).toEqual({ distribution: [[0.5, 0.5]] });
  });

  it("grows the brute-force reference's tree on repeated values and a bag with repeats, for several seeds", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { X, y } = gridData(seed, 120);
      const rand = uniformDraws(seed + 100);
      const bag = Array.from({ length: X.length }, () => Math.floor(rand() * X.length));
      const used = [0, 2, 3];
      const tree = growTree(X, y, bag, used, RULES);
      const bagged = bag.map((row) => used.map((f) => X[row]?.[f] ?? 0));
      expectSameTree(
        tree,
        referenceTree(
          bagged,
          bag.map((row) => y[row] ?? 0),
          0,
        ),
      );
      expect("splitColumn" in tree && tree.splitColumn).toBe(1); // feature 2, the informative one
    }
  });
});

describe("trainForest", () => {
  it("gives out-of-bag votes only from trees that left the row out", () => {
    const X = Array.from({ length: 40 }, (_, i) => [i < 20 ? i : i + 100]);
    const y = X.map((r) => ((r[0] ?? 0) >= 100 ? 1 : 0) as 0 | 1);
    const one = trainForest(X, y, { trees: 1, maxDepth: 3, minSplitRows: 2, featuresPerTree: 1, gainThreshold: 0.01, seed: 3 });
    const left = one.oob.filter((p) => !Number.isNaN(p)).length;
    expect(left).toBeGreaterThan(5);
    expect(left).toBeLessThan(30);
    one.oob.forEach((p, i) => {
      if (!Number.isNaN(p)) expect(p).toBe(y[i]);
    });
    const many = trainForest(X, y, { trees: 100, maxDepth: 3, minSplitRows: 2, featuresPerTree: 1, gainThreshold: 0.01, seed: 3 });
    expect(many.oob).toEqual(y);
  });
});

describe("the trained forest through the library", () => {
  it("predicts what the trainer routed, for random rows and rows exactly on split values", () => {
    const { X, y } = gridData(9, 300);
    const wide = X.map((row, i) => [...row, ...row.map((v) => v * ((i % 7) + 1))]);
    const trained = trainWinClassifier(wide, y, { trees: 30, maxDepth: 6, minSplitRows: 4 });
    const json = trained.toJSON();
    const { indexes, estimators } = json.forest.baseModel;
    const rand = uniformDraws(10);
    const random = Array.from({ length: 200 }, () => wide[0]?.map(() => rand() * 4) ?? []);
    const onSplits: number[][] = [];
    const collect = (node: ForestNode, used: readonly number[]) => {
      if (!("splitColumn" in node)) return;
      const row = wide[0]?.map(() => rand() * 4) ?? [];
      row[used[node.splitColumn] ?? 0] = node.splitValue;
      onSplits.push(row);
      collect(node.left, used);
      collect(node.right, used);
    };
    estimators.forEach((tree, t) => collect(tree.root, indexes[t] ?? []));
    expect(onSplits.length).toBeGreaterThan(100);
    const rows = [...random, ...onSplits, ...wide];
    const routed = rows.map((row) => estimators.reduce((wins, tree, t) => wins + routeRow(tree.root, indexes[t] ?? [], row), 0) / estimators.length);
    expect(loadWinClassifier(JSON.parse(JSON.stringify(json))).probabilities(rows)).toEqual(routed);
    expect(trained.probabilities(rows)).toEqual(routed);
  });
});
