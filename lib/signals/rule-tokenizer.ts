import { RuleSyntaxError } from "./errors";

export type SymbolText = "(" | ")" | "," | "." | ":" | "<" | "<=" | ">" | ">=" | "-" | "+" | "%";

/**
 * Tokens of the rule and exit languages. A number keeps the letters glued to it (`1.5x`, `30m`, `2R`) as `suffix`,
 * so the parser — not the tokenizer — decides whether they mean a multiple, a timeframe or an R-multiple.
 */
export type Token =
  | { readonly kind: "number"; readonly text: string; readonly column: number; readonly value: number; readonly suffix: string }
  | { readonly kind: "ident"; readonly text: string; readonly column: number }
  | { readonly kind: "symbol"; readonly text: SymbolText; readonly column: number }
  | { readonly kind: "end"; readonly text: ""; readonly column: number };

const SINGLE_SYMBOLS = new Set<string>(["(", ")", ",", ".", ":", "-", "+", "%"]);

const isDigit = (c: string) => c >= "0" && c <= "9";
const isLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";

export function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < rule.length) {
    const c = rule.charAt(i);
    const column = i + 1;
    if (c === " " || c === "\t") {
      i++;
    } else if (isDigit(c)) {
      let j = i;
      while (j < rule.length && isDigit(rule.charAt(j))) j++;
      if (rule.charAt(j) === "." && isDigit(rule.charAt(j + 1))) {
        j++;
        while (j < rule.length && isDigit(rule.charAt(j))) j++;
      }
      const digits = rule.slice(i, j);
      let k = j;
      while (k < rule.length && isLetter(rule.charAt(k))) k++;
      tokens.push({ kind: "number", text: rule.slice(i, k), column, value: Number(digits), suffix: rule.slice(j, k) });
      i = k;
    } else if (isLetter(c)) {
      let j = i;
      while (j < rule.length && (isLetter(rule.charAt(j)) || isDigit(rule.charAt(j)))) j++;
      tokens.push({ kind: "ident", text: rule.slice(i, j), column });
      i = j;
    } else if (c === "<" || c === ">") {
      const text = rule.charAt(i + 1) === "=" ? (`${c}=` as "<=" | ">=") : c;
      tokens.push({ kind: "symbol", text, column });
      i += text.length;
    } else if (SINGLE_SYMBOLS.has(c)) {
      tokens.push({ kind: "symbol", text: c as SymbolText, column });
      i++;
    } else {
      const hint = c === "=" ? "; use <, <=, > or >=" : "";
      throw new RuleSyntaxError(`unexpected character '${c}' at column ${column}${hint}`, rule, column);
    }
  }
  tokens.push({ kind: "end", text: "", column: rule.length + 1 });
  return tokens;
}

/** A cursor over tokens with the "what came before" memory the error messages need. */
export class TokenStream {
  private index = 0;
  constructor(
    readonly rule: string,
    private readonly tokens: readonly Token[],
  ) {}

  static of(rule: string): TokenStream {
    return new TokenStream(rule, tokenize(rule));
  }

  peek(offset = 0): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[this.index + offset] ?? last;
    if (!token) throw new RuleSyntaxError("empty token stream", this.rule, 1);
    return token;
  }

  next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  /** The token consumed last, for "after '<'" messages; undefined at the start. */
  previous(): Token | undefined {
    return this.index > 0 ? this.tokens[this.index - 1] : undefined;
  }

  isIdent(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "ident" && t.text.toLowerCase() === word;
  }

  isSymbol(text: SymbolText, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === "symbol" && t.text === text;
  }

  /** Fails with "expected X after 'prev' at column N" at end of input, or "expected X at column N, found 'tok'". */
  fail(expected: string): never {
    const found = this.peek();
    const prev = this.previous();
    if (found.kind === "end" && prev) {
      throw new RuleSyntaxError(`expected ${expected} after '${prev.text}' at column ${prev.column}`, this.rule, prev.column);
    }
    const what = found.kind === "end" ? "end of rule" : `'${found.text}'`;
    throw new RuleSyntaxError(`expected ${expected} at column ${found.column}, found ${what}`, this.rule, found.column);
  }

  expectSymbol(text: SymbolText, expected = `'${text}'`): Token {
    if (!this.isSymbol(text)) this.fail(expected);
    return this.next();
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== "end") {
      throw new RuleSyntaxError(`unexpected '${t.text}' at column ${t.column} after a complete rule`, this.rule, t.column);
    }
  }
}
