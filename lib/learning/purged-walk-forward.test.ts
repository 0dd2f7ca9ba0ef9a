import { describe, expect, it } from "vitest";
import { uniformDraws } from "@/lib/market/testing/uniform-draws";
import { LearningError } from "./errors";
import { type LabelSpan, purgedWalkForwardFolds } from "./purged-walk-forward";

const H = 3_600_000;

describe("purgedWalkForwardFolds", () => {
  it("purges a label that naive walk-forward would train on although its trade runs into the test window", () => {
    const labels: LabelSpan[] = [
      { time: 0, end: 1 * H },
      { time: 2 * H, end: 3 * H },
      // Decided before the window at 10h, but its trade exits at 11h: it carries the test window's prices.
      { time: 9 * H, end: 11 * H },
      // Over half an hour before the window: inside a 1h embargo.
      { time: 8 * H, end: 9.5 * H },
      { time: 12 * H, end: 13 * H },
    ];
    const naive = labels.flatMap((l, i) => (l.time < 10 * H ? [i] : []));
    expect(naive).toEqual([0, 1, 2, 3]);
    const [fold] = purgedWalkForwardFolds(labels, { firstTestFrom: 10 * H, testWindowMs: 5 * H, embargoMs: H, until: 15 * H, minTrainLabels: 1 });
    expect(fold).toEqual({ trainIndices: [0, 1], testFrom: 10 * H, testTo: 15 * H });
    const [noEmbargo] = purgedWalkForwardFolds(labels, { firstTestFrom: 10 * H, testWindowMs: 5 * H, embargoMs: 0, until: 15 * H, minTrainLabels: 1 });
    expect(noEmbargo?.trainIndices).toEqual([0, 1, 3]);
  });

  it("tiles [firstTestFrom, until) with consecutive windows, the last cut at until, and leaves out windows with too little past", () => {
    const labels: LabelSpan[] = Array.from({ length: 10 }, (_, k) => ({ time: k * H, end: k * H + H / 2 }));
    const folds = purgedWalkForwardFolds(labels, { firstTestFrom: 2 * H, testWindowMs: 3 * H, embargoMs: 0, until: 10 * H, minTrainLabels: 3 });
    // Window [2h, 5h) would train on labels 0 and 1 only.
    expect(folds.map((f) => [f.testFrom / H, f.testTo / H, f.trainIndices.length])).toEqual([
      [5, 8, 5],
      [8, 10, 8],
    ]);
  });

  it("never trains on a label with end + embargo at or after its window's start (random labels)", () => {
    const rand = uniformDraws(17);
    const span = 1000 * H;
    const violations: string[] = [];
    let folds = 0;
    for (let trial = 0; trial < 200; trial++) {
      const labels: LabelSpan[] = Array.from({ length: 1 + Math.floor(rand() * 300) }, () => {
        const time = Math.floor(rand() * span);
        return { time, end: time + Math.floor(rand() * rand() * 50 * H) };
      });
      const embargoMs = Math.floor(rand() * 10 * H);
      const options = { firstTestFrom: Math.floor(rand() * span * 0.8), testWindowMs: span / 50 + Math.floor(rand() * 200 * H), embargoMs, until: span, minTrainLabels: 1 + Math.floor(rand() * 20) };
      for (const fold of purgedWalkForwardFolds(labels, options)) {
        folds++;
        const trained = new Set(fold.trainIndices);
        labels.forEach((l, i) => {
          const over = l.end + embargoMs < fold.testFrom;
          // Trains on every label that is over in time, and on no other.
          if (trained.has(i) !== over) violations.push(`trial ${trial}, window ${fold.testFrom}: label ${i} [${l.time}, ${l.end}] ${over ? "left out" : "trained on"}`);
        });
      }
    }
    expect(folds).toBeGreaterThan(500);
    expect(violations).toEqual([]);
  });

  it("refuses bad input with the field's name", () => {
    const ok = { firstTestFrom: 0, testWindowMs: H, embargoMs: 0, until: 2 * H, minTrainLabels: 1 };
    expect(() => purgedWalkForwardFolds([{ time: 5, end: 4 }], ok)).toThrow(/labels\[0\]\.end/);
    expect(() => purgedWalkForwardFolds([], { ...ok, testWindowMs: 0 })).toThrow(LearningError);
    expect(() => purgedWalkForwardFolds([], { ...ok, until: 0 })).toThrow(/until/);
    expect(() => purgedWalkForwardFolds([], { ...ok, embargoMs: -1 })).toThrow(/embargoMs/);
  });
});
