import { describe, expect, it } from "vitest";
import { RuleSyntaxError } from "./errors";
import { formatCondition } from "./rule-ast";
import { parseCondition } from "./rule-parser";

const canonical = (rule: string) => formatCondition(parseCondition(rule));

function syntaxError(rule: string): RuleSyntaxError {
  try {
    parseCondition(rule);
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected "${rule}" to fail`);
}

describe("parseCondition", () => {
  it.each([
    ["RSI(14) < 30", "RSI(14) < 30"],
    ["Price > 50-SMA", "Close > SMA(50)"],
    ["Volume > 1.5x average", "Volume > 1.5x Volume average"],
    ["ADX(14) > 25", "ADX(14) > 25"],
    ["Close crosses above EMA(20)", "Close crosses above EMA(20)"],
    ["close CROSSES below ema(20)", "Close crosses below EMA(20)"],
    ["MACD(12,26,9).histogram > 0", "MACD(12,26,9).histogram > 0"],
    ["MACD(12, 26, 9).signal < MACD(12,26,9).macd", "MACD(12,26,9).signal < MACD(12,26,9)"],
    ["Close < BB(20,2).lower", "Close < BB(20,2).lower"],
    ["Close > BB(20,2.5).upper", "Close > BB(20,2.5).upper"],
    ["Close >= BB(20,2).middle", "Close >= BB(20,2)"],
    ["OBV rising 5", "OBV rising 5"],
    ["OBV falling 3", "OBV falling 3"],
    ["ATR(14) > 1.2x ATR(14) average", "ATR(14) > 1.2x ATR(14) average"],
    ["Funding > 0.0003", "Funding > 0.0003"],
    ["Funding < -0.0002", "Funding < -0.0002"],
    ["30m: Close > SMA(50)", "30m: Close > SMA(50)"],
    ["15m: RSI(14) < 40", "15m: RSI(14) < 40"],
    ["EMA(9) > EMA(21)", "EMA(9) > EMA(21)"],
    ["Close > Highest(20)", "Close > HIGHEST(20)"],
    ["Low <= Lowest(100)", "Low <= LOWEST(100)"],
    ["RSI < 30", "RSI(14) < 30"],
    ["Volume > 2 x average(30)", "Volume > 2x Volume average(30)"],
    ["RSI(14) crosses above 30", "RSI(14) crosses above 30"],
    ["ROC(3) <= -0.5", "ROC(3) <= -0.5"],
    ["ADX(14).pdi > ADX(14).mdi", "ADX(14).pdi > ADX(14).mdi"],
  ])("%s → %s", (rule, expected) => {
    expect(canonical(rule)).toBe(expected);
  });

  it("builds the AST a rule means", () => {
    expect(parseCondition("30m: Close > 50-SMA")).toEqual({
      kind: "compare",
      timeframe: "30m",
      left: { kind: "field", field: "close" },
      op: ">",
      right: { kind: "indicator", name: "SMA", params: [50], output: "value", defaultOutput: true },
    });
    expect(parseCondition("Volume > 1.5x average")).toEqual({
      kind: "compare",
      left: { kind: "field", field: "volume" },
      op: ">",
      right: { kind: "multiple", factor: 1.5, of: { kind: "average", period: 20, of: { kind: "field", field: "volume" } } },
    });
    expect(parseCondition("OBV rising 5")).toEqual({ kind: "trend", operand: { kind: "indicator", name: "OBV", params: [], output: "value", defaultOutput: true }, direction: "rising", bars: 5 });
  });

  it("points at the column after which an operand is missing", () => {
    const e = syntaxError("RSI(14) <");
    expect(e.message).toBe("expected a number or indicator after '<' at column 9");
    expect(e.column).toBe(9);
    expect(e.code).toBe("RULE_SYNTAX");
    expect(e.rule).toBe("RSI(14) <");
  });

  it("lists the known indicators for an unknown one", () => {
    const e = syntaxError("FOO(3) > 1");
    expect(e.message).toMatch(/^unknown indicator 'FOO' at column 1; known: SMA, EMA, RSI, MACD, BB, ADX, ATR, OBV, ROC, HIGHEST, LOWEST/);
    expect(e.column).toBe(1);
  });

  it.each([
    ["RSI(14, 3) < 30", /RSI takes at most 1 parameter \(period\), got 2 at column 1/],
    ["RSI(0) < 30", /RSI period must be an integer from 2 to 500, got 0 at column 1/],
    ["RSI(14.5) < 30", /RSI period must be an integer/],
    ["MACD(26,12,9) > 0", /MACD fast period \(26\) must be below slow period \(12\)/],
    ["OBV(3) rising 2", /OBV takes no parameters, got 1/],
    ["BB(20,2).bottom > 1", /BB has no output 'bottom' at column 10; outputs: middle, upper, lower, width/],
  ])("names wrong parameters: %s", (rule, message) => {
    expect(syntaxError(rule).message).toMatch(message);
  });

  it("rejects trailing garbage, naming it", () => {
    const e = syntaxError("RSI(14) < 30 foo");
    expect(e.message).toBe("unexpected 'foo' at column 14 after a complete rule");
    expect(e.column).toBe(14);
  });

  it("names an unknown timeframe prefix", () => {
    expect(syntaxError("7m: RSI(14) < 40").message).toMatch(/^unknown timeframe '7m' in prefix at column 1; known: 1m, 2m, 5m/);
    expect(syntaxError("H1: RSI(14) < 40").message).toMatch(/unknown timeframe 'H1'/);
  });

  it.each([
    ["RSI(14)", /expected a comparison .* after '\)' at column 7/],
    ["RSI(14) = 30", /unexpected character '=' at column 9; use <, <=, > or >=/],
    ["RSI(14 < 30", /expected ',' or '\)' at column 8, found '<'/],
    ["Close crosses EMA(20)", /expected 'above' or 'below' at column 15, found 'EMA'/],
    ["OBV rising", /expected a number after 'rising' at column 5/],
    ["OBV rising 2.5", /a bar count at column 12 must be an integer/],
    ["average > 3", /'average' at column 1 needs an indicator or price/],
    ["30 < 40", /compares constants only/],
    ["Close > 50-FOO", /'50-FOO' at column 9 needs an indicator with a period/],
    ["Close > 3y", /unexpected 'y' after number 3 at column 9/],
    ["Close > ) ", /expected a number or indicator at column 9, found '\)'/],
    ["", /empty condition/],
  ])("explains %j", (rule, message) => {
    expect(syntaxError(rule).message).toMatch(message);
  });

  it.each([
    ["Close crosses abov EMA(20)", "expected 'above' or 'below' at column 15, found 'abov'; did you mean 'above'?"],
    ["Close crosses bellow EMA(20)", "expected 'above' or 'below' at column 15, found 'bellow'; did you mean 'below'?"],
    ["Close crosess above EMA(20)", "expected a comparison (<, <=, >, >=), 'crosses above/below' or 'rising/falling N' at column 7, found 'crosess'; did you mean 'crosses'?"],
    ["OBV risng 5", "expected a comparison (<, <=, >, >=), 'crosses above/below' or 'rising/falling N' at column 5, found 'risng'; did you mean 'rising'?"],
  ])("suggests the nearest word for a near miss: %j", (rule, message) => {
    const e = syntaxError(rule);
    expect(e.message, "the precise message stays, the suggestion follows it").toBe(message);
  });

  it("suggests the nearest indicator, price or output for a near miss", () => {
    expect(syntaxError("RSX(14) < 30").message).toMatch(/^unknown indicator 'RSX' at column 1; known: .*; did you mean 'RSI'\?$/);
    expect(syntaxError("Clsoe > SMA(20)").message).toMatch(/; did you mean 'Close'\?$/);
    expect(syntaxError("Close < BB(20,2).lowr").message).toBe("BB has no output 'lowr' at column 18; outputs: middle, upper, lower, width; did you mean 'lower'?");
  });

  it("suggests nothing when no known word is close", () => {
    expect(syntaxError("FOO(3) > 1").message).not.toContain("did you mean");
    expect(syntaxError("Close crosses EMA(20)").message).not.toContain("did you mean");
  });
});
