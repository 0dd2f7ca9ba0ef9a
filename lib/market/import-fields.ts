import { ImportFormatError, type ImportLocation } from "./import-format-error";
import { parseTimestamp } from "./parse-timestamp";

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE_WORD = /^[+-]?(?:inf|infinity|nan)$/i;

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

/** Reads a numeric field given as a JSON number or a decimal string (some exchange APIs quote prices). */
export function readNumber(value: unknown, where: ImportLocation): number {
  if (isMissing(value)) throw new ImportFormatError("value is missing", where);
  if (typeof value === "string") {
    const text = value.trim();
    if (NON_FINITE_WORD.test(text)) throw new ImportFormatError(`${text} is not a finite number`, where);
    if (!DECIMAL.test(text)) throw new ImportFormatError(`${JSON.stringify(text)} is not a number`, where);
    const parsed = Number(text);
    if (!Number.isFinite(parsed)) throw new ImportFormatError(`${text} is not a finite number`, where);
    return parsed;
  }
  if (typeof value !== "number") throw new ImportFormatError(`${JSON.stringify(value)} is not a number`, where);
  if (!Number.isFinite(value)) throw new ImportFormatError(`${value} is not a finite number`, where);
  return value;
}

export function readTimestamp(value: unknown, where: ImportLocation): number {
  if (isMissing(value)) throw new ImportFormatError("value is missing", where);
  const ms = parseTimestamp(value);
  if (ms === null) {
    throw new ImportFormatError(`${JSON.stringify(value)} is not a timestamp (epoch ms, epoch seconds or ISO 8601)`, where);
  }
  return ms;
}

/** Index of the first header cell matching one of `names` (case- and separator-insensitive), or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const wanted = new Set(names.map(normaliseName));
  return header.findIndex((cell) => wanted.has(normaliseName(cell)));
}

/** The value of the first present key among `names` (case- and separator-insensitive) of a JSON object. */
export function pickField(record: Record<string, unknown>, names: readonly string[]): { key: string; value: unknown } | null {
  const wanted = names.map(normaliseName);
  for (const name of wanted) {
    for (const key of Object.keys(record)) {
      if (normaliseName(key) === name) return { key, value: record[key] };
    }
  }
  return null;
}

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/[\s_-]/g, "");
}

/** Refuses times that do not strictly increase; the check every import needs and the parsers share. */
export function checkIncreasing(time: number, previous: number, where: ImportLocation): void {
  if (time === previous) throw new ImportFormatError(`time ${new Date(time).toISOString()} repeats the row before`, where);
  if (time < previous) {
    throw new ImportFormatError(`time ${new Date(time).toISOString()} is before the row before (${new Date(previous).toISOString()}); times must be sorted ascending`, where);
  }
}
