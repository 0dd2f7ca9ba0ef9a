import { RSI } from "technicalindicators";
import { describe, expect, it } from "vitest";
import { SeededRandom } from "./seeded-random";
import { streamingRsi } from "./streaming-rsi";

describe("streamingRsi", () => {
  it("gives the rule language's RSI (technicalindicators, rounded to 2 decimals) one close at a time", () => {
    const rng = new SeededRandom(3, "rsi");
    const closes: number[] = [];
    let price = 100;
    for (let i = 0; i < 2_000; i++) closes.push((price *= Math.exp(0.01 * rng.normal())));
    const reference = RSI.calculate({ period: 14, values: closes });
    const next = streamingRsi(14);
    const streamed = closes.map((c) => next(c));
    expect(streamed.slice(0, 14).every(Number.isNaN), "no value before 14 changes").toBe(true);
    const known = streamed.slice(14);
    expect(known).toHaveLength(reference.length);
    expect(Math.max(...known.map((v, i) => Math.abs(v - (reference[i] ?? Number.NaN)))), "equal up to the reference's rounding").toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it("is 100 when nothing fell", () => {
    const next = streamingRsi(3);
    expect([1, 2, 3, 4, 5].map((c) => next(c))).toEqual([Number.NaN, Number.NaN, Number.NaN, 100, 100]);
  });
});
