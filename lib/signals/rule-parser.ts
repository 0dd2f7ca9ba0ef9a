import { TIMEFRAMES, type Timeframe } from "@/lib/market/timeframe";
import { RuleSyntaxError } from "./errors";
import { findIndicator, indicatorNames, type IndicatorDefinition } from "./indicator-registry";
import { nearestWord } from "./nearest-word";
import { DEFAULT_AVERAGE_PERIOD, type Comparator, type Condition, type Operand, type PriceField } from "./rule-ast";
import { TokenStream, type Token } from "./rule-tokenizer";

/*
 * Grammar (case-insensitive words):
 *   condition := [timeframe ':'] operand tail
 *   tail      := comparator operand | 'crosses' ('above'|'below') operand | ('rising'|'falling') INT
 *   operand   := ['-'|'+'] NUMBER
 *              | NUMBER 'x' operand                       -- multiple: 1.5x average
 *              | NUMBER '-' INDICATOR ['.' output] [avg]  -- 50-SMA = SMA(50)
 *              | (FIELD | 'Funding' | INDICATOR ['(' args ')'] ['.' output]) [avg]
 *              | avg                                      -- average of the left-hand side
 *   avg       := 'average' ['(' INT ')']
 */

const FIELDS: Record<string, PriceField> = { open: "open", high: "high", low: "low", close: "close", price: "close", volume: "volume" };
const COMPARATORS = new Set<string>(["<", "<=", ">", ">="]);
const OPERAND = "a number or indicator";

const OPERAND_WORDS = ["Open", "High", "Low", "Close", "Price", "Volume", "Funding"];
const TAIL_WORDS = ["crosses", "rising", "falling"];
const CROSS_WORDS = ["above", "below"];

function knownWords(): string {
  return [...indicatorNames(), ...OPERAND_WORDS].join(", ");
}

/** `; did you mean 'above'?` when `typed` is a near miss of one of `known`, else nothing. */
function suggestion(typed: string, known: readonly string[]): string {
  const guess = nearestWord(typed, known);
  return guess ? `; did you mean '${guess}'?` : "";
}

function isTimeframe(text: string): text is Timeframe {
  return (TIMEFRAMES as readonly string[]).includes(text);
}

class ConditionParser {
  constructor(private readonly s: TokenStream) {}

  condition(): Condition {
    const timeframe = this.timeframePrefix();
    const left = this.operand(undefined);
    const t = this.s.peek();
    let result: Condition;
    if (t.kind === "symbol" && COMPARATORS.has(t.text)) {
      this.s.next();
      const right = this.operand(left);
      result = { kind: "compare", left, op: t.text as Comparator, right };
    } else if (this.s.isIdent("crosses")) {
      this.s.next();
      const dir = this.s.peek();
      if (!this.s.isIdent("above") && !this.s.isIdent("below")) this.failSuggesting("'above' or 'below'", CROSS_WORDS);
      this.s.next();
      const right = this.operand(left);
      result = { kind: "cross", left, direction: dir.text.toLowerCase() === "above" ? "above" : "below", right };
    } else if (this.s.isIdent("rising") || this.s.isIdent("falling")) {
      const word = this.s.next();
      const bars = this.integer("a bar count", 1, 10_000);
      result = { kind: "trend", operand: left, direction: word.text.toLowerCase() === "rising" ? "rising" : "falling", bars };
    } else {
      this.failSuggesting("a comparison (<, <=, >, >=), 'crosses above/below' or 'rising/falling N'", TAIL_WORDS);
    }
    this.s.expectEnd();
    this.requireSeries(result);
    return timeframe ? { ...result, timeframe } : result;
  }

  /** The token stream's "expected X" error, with the nearest of `words` when the word found is a near miss of one. */
  private failSuggesting(expected: string, words: readonly string[]): never {
    const found = this.s.peek();
    try {
      return this.s.fail(expected);
    } catch (error) {
      const hint = found.kind === "ident" ? suggestion(found.text, words) : "";
      if (error instanceof RuleSyntaxError && hint) throw new RuleSyntaxError(`${error.message}${hint}`, error.rule, error.column);
      throw error;
    }
  }

  private timeframePrefix(): Timeframe | undefined {
    if (!this.s.isSymbol(":", 1)) return undefined;
    const t = this.s.next();
    this.s.next();
    if (isTimeframe(t.text)) return t.text;
    throw new RuleSyntaxError(`unknown timeframe '${t.text}' in prefix at column ${t.column}; known: ${TIMEFRAMES.join(", ")}`, this.s.rule, t.column);
  }

  /** `lhs` is what a bare `average` refers to (the other side of the comparison). */
  private operand(lhs: Operand | undefined): Operand {
    const t = this.s.peek();
    if (t.kind === "symbol" && (t.text === "-" || t.text === "+") && this.s.peek(1).kind === "number") {
      this.s.next();
      const n = this.plainNumber();
      return { kind: "number", value: t.text === "-" ? -n : n };
    }
    if (t.kind === "number") return this.numberLed(t, lhs);
    if (t.kind === "ident") {
      if (t.text.toLowerCase() === "average") {
        if (!lhs || lhs.kind === "number") {
          throw new RuleSyntaxError(`'average' at column ${t.column} needs an indicator or price on the left-hand side`, this.s.rule, t.column);
        }
        return this.average(lhs);
      }
      this.s.next();
      return this.postfixAverage(this.named(t));
    }
    return this.s.fail(OPERAND);
  }

  private numberLed(t: Extract<Token, { kind: "number" }>, lhs: Operand | undefined): Operand {
    const isMultiple = t.suffix.toLowerCase() === "x" || (t.suffix === "" && this.s.isIdent("x", 1));
    if (isMultiple) {
      this.s.next();
      if (t.suffix === "") this.s.next();
      if (!(t.value > 0)) throw new RuleSyntaxError(`multiple at column ${t.column} must be positive`, this.s.rule, t.column);
      const of = this.operand(lhs);
      if (of.kind === "number") throw new RuleSyntaxError(`a multiple at column ${t.column} must apply to an indicator or price, not a number`, this.s.rule, t.column);
      return { kind: "multiple", factor: t.value, of };
    }
    if (t.suffix === "" && this.s.isSymbol("-", 1) && this.s.peek(2).kind === "ident") {
      // `50-SMA`: the number is the indicator's first parameter.
      this.s.next();
      this.s.next();
      const name = this.s.next();
      const def = findIndicator(name.text);
      if (!def || def.params.length === 0) {
        throw new RuleSyntaxError(`'${t.text}-${name.text}' at column ${t.column} needs an indicator with a period; known: ${indicatorNames().join(", ")}`, this.s.rule, t.column);
      }
      return this.postfixAverage(this.indicatorOutput(def, this.checkParams(def, [t.value], name.column)));
    }
    return { kind: "number", value: this.plainNumber() };
  }

  private plainNumber(): number {
    const t = this.s.peek();
    if (t.kind !== "number") return this.s.fail("a number");
    if (t.suffix !== "") throw new RuleSyntaxError(`unexpected '${t.suffix}' after number ${t.text.slice(0, -t.suffix.length)} at column ${t.column}`, this.s.rule, t.column);
    this.s.next();
    return t.value;
  }

  private integer(what: string, min: number, max: number): number {
    const t = this.s.peek();
    const value = this.plainNumber();
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new RuleSyntaxError(`${what} at column ${t.column} must be an integer from ${min} to ${max}, got ${value}`, this.s.rule, t.column);
    }
    return value;
  }

  private named(t: Token): Operand {
    const word = t.text.toLowerCase();
    const field = FIELDS[word];
    if (field) return { kind: "field", field };
    if (word === "funding") return { kind: "funding" };
    const def = findIndicator(t.text);
    if (!def) {
      const hint = suggestion(t.text, [...indicatorNames(), ...OPERAND_WORDS]);
      throw new RuleSyntaxError(`unknown indicator '${t.text}' at column ${t.column}; known: ${knownWords()}${hint}`, this.s.rule, t.column);
    }
    const args: number[] = [];
    if (this.s.isSymbol("(")) {
      this.s.next();
      if (!this.s.isSymbol(")")) {
        for (;;) {
          const neg = this.s.isSymbol("-");
          if (neg) this.s.next();
          const n = this.plainNumber();
          args.push(neg ? -n : n);
          if (!this.s.isSymbol(",")) break;
          this.s.next();
        }
      }
      this.s.expectSymbol(")", "',' or ')'");
    }
    return this.indicatorOutput(def, this.checkParams(def, args, t.column));
  }

  private checkParams(def: IndicatorDefinition, args: readonly number[], column: number): number[] {
    const fail = (msg: string): never => {
      throw new RuleSyntaxError(`${msg} at column ${column}`, this.s.rule, column);
    };
    if (args.length > def.params.length) {
      const list = def.params.map((p) => p.name).join(", ");
      fail(`${def.name} takes ${def.params.length === 0 ? "no parameters" : `at most ${def.params.length} parameter${def.params.length === 1 ? "" : "s"} (${list})`}, got ${args.length}`);
    }
    const params = def.params.map((spec, i) => {
      const v = args[i] ?? spec.default;
      if ((spec.integer && !Number.isInteger(v)) || v < spec.min || v > spec.max) {
        fail(`${def.name} ${spec.name} must be ${spec.integer ? "an integer" : "a number"} from ${spec.min} to ${spec.max}, got ${v}`);
      }
      return v;
    });
    const problem = def.validate?.(params);
    if (problem) fail(problem);
    return params;
  }

  private indicatorOutput(def: IndicatorDefinition, params: number[]): Operand {
    let output = def.outputs[0];
    if (this.s.isSymbol(".")) {
      this.s.next();
      const field = this.s.peek();
      if (field.kind !== "ident") return this.s.fail(`an output of ${def.name} (${def.outputs.join(", ")})`);
      const match = def.outputs.find((o) => o.toLowerCase() === field.text.toLowerCase());
      if (!match) {
        throw new RuleSyntaxError(`${def.name} has no output '${field.text}' at column ${field.column}; outputs: ${def.outputs.join(", ")}${suggestion(field.text, def.outputs)}`, this.s.rule, field.column);
      }
      this.s.next();
      output = match;
    }
    return { kind: "indicator", name: def.name, params, output, defaultOutput: output === def.outputs[0] };
  }

  private postfixAverage(o: Operand): Operand {
    return this.s.isIdent("average") ? this.average(o) : o;
  }

  private average(of: Operand): Operand {
    this.s.next();
    let period = DEFAULT_AVERAGE_PERIOD;
    if (this.s.isSymbol("(")) {
      this.s.next();
      period = this.integer("average period", 1, 1000);
      this.s.expectSymbol(")");
    }
    return { kind: "average", of, period };
  }

  /** A condition between two constants is always true or false: almost certainly a typo, so reject it. */
  private requireSeries(c: Condition): void {
    const constant = c.kind === "trend" ? c.operand.kind === "number" : c.left.kind === "number" && c.right.kind === "number";
    if (constant) throw new RuleSyntaxError(`condition compares constants only; it needs a price, indicator or Funding`, this.s.rule, 1);
  }
}

/** Parses one entry condition into its AST; throws RuleSyntaxError with a column on any problem. */
export function parseCondition(rule: string): Condition {
  if (rule.trim() === "") throw new RuleSyntaxError("empty condition", rule, 1);
  return new ConditionParser(TokenStream.of(rule)).condition();
}
