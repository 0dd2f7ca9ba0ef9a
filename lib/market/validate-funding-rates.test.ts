import { describe, expect, it } from "vitest";
import { parseFundingFileWithOrigins } from "./parse-funding-file";
import { FundingValidationError, assertValidFundingRates, validateFundingRates } from "./validate-funding-rates";

const H8 = 8 * 3_600_000;
const T0 = Date.UTC(2024, 0, 1);
const rates = (values: number[]) => values.map((rate, i) => ({ time: T0 + i * H8, rate }));

describe("validateFundingRates", () => {
  it("accepts sane rates, including negative ones and ms-late stamps", () => {
    const sane = rates([0.0001, -0.0003, 0.0075, -0.0075]).map((r, i) => ({ ...r, time: r.time + i * 7 }));
    expect(validateFundingRates(sane)).toEqual({ ok: true, rows: 4, issueCount: 0, issues: [] });
  });

  it("flags out-of-bounds, non-finite, duplicate and backwards rows", () => {
    const bad = rates([0.0001, 0.05, Number.NaN, 0.0001, 0.0001]);
    bad[3] = { time: bad[2]?.time ?? 0, rate: 0.0001 };
    bad[4] = { time: T0, rate: 0.0001 };
    const report = validateFundingRates(bad);
    expect(report.issues.map((i) => [i.row, i.code])).toEqual([
      [1, "rate-out-of-bounds"],
      [2, "non-finite"],
      [3, "duplicate-time"],
      [4, "time-not-increasing"],
    ]);
    expect(report.issues[0]?.message).toMatch(/rate 0.05 is not within ±0.05 \(is it in percent\?\)/);
  });

  it("assertValidFundingRates names the rate, counted from 1", () => {
    const call = () => assertValidFundingRates(rates([0.0001, 0.0001, -0.06]));
    expect(call).toThrow(FundingValidationError);
    expect(call).toThrow("Invalid funding rates: Funding rate 3 (2024-01-01T16:00:00.000Z): rate -0.06 is not within ±0.05 (is it in percent?)");
    expect(() => assertValidFundingRates(rates([0.0001, 0.0002]))).not.toThrow();
  });
});

describe("validation of a parsed funding file", () => {
  it("names the file line of a bad rate, header and blank lines counted", () => {
    const text = ["timestamp,rate", `${T0},0.0001`, "", `${T0 + H8},0.0002`, `${T0 + 2 * H8},0.07`].join("\n");
    const { rates: parsed, origins } = parseFundingFileWithOrigins(text);
    expect(() => assertValidFundingRates(parsed, origins)).toThrow("Invalid funding rates: Line 5 (2024-01-01T16:00:00.000Z): rate 0.07 is not within ±0.05 (is it in percent?)");
  });
});
