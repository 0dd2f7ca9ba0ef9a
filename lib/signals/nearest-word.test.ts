import { describe, expect, it } from "vitest";
import { editDistance, nearestWord } from "./nearest-word";

describe("editDistance", () => {
  it.each([
    ["", "", 0],
    ["abc", "", 3],
    ["", "abc", 3],
    ["above", "above", 0],
    ["abov", "above", 1],
    ["abvoe", "above", 1],
    ["crosess", "crosses", 1],
    ["kitten", "sitting", 3],
    ["rsi", "sma", 3],
  ])("%j → %j is %i", (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a), "the distance is symmetric").toBe(distance);
  });
});

describe("nearestWord", () => {
  const words = ["above", "below", "crosses", "rising", "falling"];

  it("names the closest known word, in its own spelling", () => {
    expect(nearestWord("abov", words)).toBe("above");
    expect(nearestWord("BELLOW", words)).toBe("below");
    expect(nearestWord("crosess", words)).toBe("crosses");
    expect(nearestWord("RSX", ["SMA", "RSI", "ROC"])).toBe("RSI");
  });

  it("guesses nothing when no word is close, or the word is already known", () => {
    expect(nearestWord("EMA", words), "three edits from every word").toBeNull();
    expect(nearestWord("FOO", ["SMA", "RSI", "OBV", "ROC"]), "a short word allows one edit only").toBeNull();
    expect(nearestWord("Above", words), "a known word in other case is not a typo").toBeNull();
  });
});
