import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { errorMessage } from "@/lib/error-message";
import { fetchParamsSchema } from "@/lib/jobs/fetch-market-data";
import { generateParamsSchema } from "@/lib/jobs/generate-market-data";
import { importParamsSchema } from "@/lib/jobs/import-market-file";
import { parseDateRange } from "./parse-date";
import { parseList } from "./parse-list";
import { option, parseOptions } from "./parse-options";
import { readOptionFile } from "./read-option-file";

/** The message a CLI would print for these options. */
function refusal(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return errorMessage(error);
  }
  throw new Error("expected the options to be refused");
}

const generate = (symbols: string | undefined, months?: string) =>
  parseOptions(generateParamsSchema, { symbols: option("--symbols", symbols, parseList(symbols) ?? ["BTCUSDT.P"]), months: option("--months", months, months ?? 6), seed: option("--seed", undefined) });

describe("CLI options: a refusal names the option and the value", () => {
  it("names the list element that is wrong", () => {
    expect(refusal(() => generate("FOO"))).toBe('--symbols: "FOO" must look like BTCUSDT.P');
    expect(refusal(() => generate("BTCUSDT.P,eth"))).toBe('--symbols: "eth" must look like BTCUSDT.P');
    expect(refusal(() => parseOptions(fetchParamsSchema, { symbols: option("--symbols", "BTCUSDT.P", ["BTCUSDT.P"]), timeframes: option("--timeframes", "1m,3m", ["1m", "3m"]), months: option("--months", "6", 6) }))).toMatch(
      /^--timeframes: "3m" invalid option: expected one of /,
    );
  });

  it("names a number out of range and a required option left out", () => {
    expect(refusal(() => generate("BTCUSDT.P", "0"))).toBe('--months: "0" too small: expected number to be >=1');
    expect(refusal(() => parseOptions(importParamsSchema, { fileName: option("--file", "btc.csv"), symbol: option("--symbol", undefined), kind: option("--kind", undefined), timeframe: option("--timeframe", "5m") }))).toBe("--symbol is required");
    expect(refusal(() => parseOptions(importParamsSchema, { fileName: option("--file", "btc.csv"), symbol: option("--symbol", "BTCUSDT.P"), kind: option("--kind", undefined), timeframe: option("--timeframe", undefined) }))).toBe("--timeframe is required");
  });

  it("names dates, date ranges and files", () => {
    expect(refusal(() => parseDateRange("yesterday", undefined))).toBe('--from: "yesterday" must be a date like 2026-05-01 (UTC) or an ISO 8601 time');
    expect(refusal(() => parseDateRange("2026-05-02", "2026-05-01"))).toBe('--to: "2026-05-01" must be after --from "2026-05-02"');
    expect(refusal(() => readOptionFile("--file", "/no/such/candles.csv"))).toBe('--file: "/no/such/candles.csv" does not exist');
  });

  it("passes what it parsed through", () => {
    expect(generate("BTCUSDT.P,ETHUSDT.P")).toMatchObject({ symbols: ["BTCUSDT.P", "ETHUSDT.P"], months: 6, seed: 42 });
  });
});

describe("npm run pipeline", () => {
  it("refuses --symbols FOO naming the option and the value, before opening the store", () => {
    const run = spawnSync("npx", ["tsx", "scripts/pipeline.ts", "--mode", "backtest", "--symbols", "FOO"], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('error: --symbols: "FOO" must look like BTCUSDT.P');
  });
});
