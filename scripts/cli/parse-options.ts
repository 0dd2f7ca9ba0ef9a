import { z } from "zod";

/** One schema field as the command line gave it: the option's name and the text typed after it. */
export interface OptionInput {
  readonly value: unknown;
  readonly flag?: string;
  readonly text?: string;
}

/** A field read from `flag`; `value` is what the schema parses (a list, a number), `text` what was typed. */
export function option(flag: string, text: string | undefined, value: unknown = text): OptionInput {
  return { flag, text, value };
}

/**
 * A refused command-line option, named with the value given: `--symbols: "FOO" must look like BTCUSDT.P`, or
 * `--symbol is required` when it was left out.
 */
export class CliOptionError extends Error {
  readonly code = "CLI_OPTION_INVALID";
  constructor(
    readonly flag: string,
    readonly text: string | undefined,
    reason: string,
  ) {
    super(text === undefined ? `${flag} is required` : `${flag}: ${JSON.stringify(text)} ${reason}`);
    this.name = "CliOptionError";
  }
}

/** zod's default messages start with a capital ("Too small: …"); after the value they read as a clause. */
const clause = (message: string) => message.charAt(0).toLowerCase() + message.slice(1);

/**
 * The value an issue is about: a list's element (`--symbols BTCUSDT.P,FOO` → "FOO"), else the text typed, else a
 * default the command filled in (from config); undefined when the option was left out and had no default.
 */
function offendingText(input: OptionInput, path: readonly PropertyKey[]): string | undefined {
  const [, index] = path;
  if (typeof index === "number" && Array.isArray(input.value) && input.value[index] !== undefined) return String(input.value[index]);
  if (input.text !== undefined) return input.text;
  return input.value === undefined ? undefined : Array.isArray(input.value) ? input.value.join(",") : String(input.value);
}

/**
 * Parses a command's options with the schema its job uses. A refusal names the option and the value typed, for the
 * first problem found; fields that came from no option (defaults from config) keep zod's path.
 */
export function parseOptions<S extends z.ZodType>(schema: S, fields: Readonly<Record<string, OptionInput>>): z.output<S> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(fields).map(([key, input]) => [key, input.value])));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  const input = typeof key === "string" ? fields[key] : undefined;
  if (!issue || !input?.flag) throw parsed.error;
  throw new CliOptionError(input.flag, offendingText(input, issue.path), clause(issue.message));
}
