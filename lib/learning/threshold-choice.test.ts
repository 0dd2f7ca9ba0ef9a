import { describe, expect, it } from "vitest";
import { chooseThreshold } from "./threshold-choice";

describe("chooseThreshold", () => {
  it("keeps the trades above the threshold whose mean R is highest, with enough of them kept", () => {
    const p = [0.2, 0.3, 0.45, 0.5, 0.62, 0.66, 0.71, 0.8, 0.9, 0.35];
    const r = [-1, -1, -1, 2, 2, -1, 2, 2, 2, -1];
    const choice = chooseThreshold(p, r);
    // 0.5 keeps [2, 2, -1, 2, 2, 2] (mean 1.5); 0.55 and 0.6 keep five (mean 1.4); 0.7 keeps three of ten (mean 2).
    expect(choice).toEqual({ threshold: 0.7, kept: 3, keptShare: 0.3, keptMeanR: 2, allMeanR: 0.5 });
    expect(chooseThreshold(p, r, undefined, 0.5).threshold).toBe(0.5);
  });

  it("keeps everything (threshold 0) when no threshold beats keeping all", () => {
    const choice = chooseThreshold([0.9, 0.8, 0.1, 0.2], [-1, -1, 2, 2]);
    expect(choice.threshold).toBe(0);
    expect(choice.keptShare).toBe(1);
  });

  it("never keeps a label without an out-of-bag probability", () => {
    const choice = chooseThreshold([Number.NaN, 0.9, 0.9, 0.1], [-5, 1, 1, -1], [0.5], 0.5);
    expect(choice).toMatchObject({ threshold: 0.5, kept: 2, keptMeanR: 1 });
  });
});
