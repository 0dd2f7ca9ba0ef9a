import type { FundingRate } from "./candle";
import { readCsvLines } from "./csv-lines";
import { detectFileFormat } from "./file-format";
import { ImportFormatError } from "./import-format-error";
import { checkIncreasing, findColumn, pickField, readNumber, readTimestamp } from "./import-fields";
import type { ParseFileOptions } from "./parse-candle-file";
import { parseJsonArray } from "./parse-json-array";
import { parseTimestamp } from "./parse-timestamp";
import { JSON_ENTRIES, type RowOrigins } from "./row-origins";

const TIME_NAMES = ["timestamp", "time", "date", "datetime", "fundingTime"];
const RATE_NAMES = ["rate", "fundingRate", "funding_rate"];

/** A file's funding rates and where each came from, for validation messages that name the file line. */
export interface ParsedFundingFile {
  readonly rates: FundingRate[];
  readonly origins: RowOrigins;
}

/**
 * Reads funding rates from CSV (`timestamp,rate`; `fundingRate`/`funding_rate` also accepted; header optional)
 * or JSON (an array of `[ms, rate]`, or of objects like ccxt's fetchFundingRateHistory entries).
 * All or nothing: bad values or unsorted times throw ImportFormatError naming where. Rates are fractions; their
 * bounds are left to `validateFundingRates`: give it `origins`.
 */
export function parseFundingFileWithOrigins(text: string, options: ParseFileOptions = {}): ParsedFundingFile {
  const format = options.format ?? detectFileFormat(text, options.fileName);
  const parsed = format === "json" ? { rates: parseFundingJson(text), origins: JSON_ENTRIES } : readFundingCsv(text);
  if (parsed.rates.length === 0) throw new ImportFormatError("The file contains no funding rates");
  return parsed;
}

export function parseFundingFile(text: string, options: ParseFileOptions = {}): FundingRate[] {
  return parseFundingFileWithOrigins(text, options).rates;
}

export function parseFundingCsv(text: string): FundingRate[] {
  return readFundingCsv(text).rates;
}

function readFundingCsv(text: string): ParsedFundingFile {
  const lines = readCsvLines(text);
  const first = lines[0];
  const origins: number[] = [];
  if (first === undefined) return { rates: [], origins: { kind: "lines", lines: origins } };
  const hasHeader = parseTimestamp(first.fields[0]) === null;
  let timeIndex = 0;
  let rateIndex = 1;
  if (hasHeader) {
    const header = `"${first.fields.join(",")}"`;
    timeIndex = findColumn(first.fields, TIME_NAMES);
    rateIndex = findColumn(first.fields, RATE_NAMES);
    if (timeIndex < 0) throw new ImportFormatError(`missing column timestamp (or time, date) in header ${header}`, { line: first.line });
    if (rateIndex < 0) throw new ImportFormatError(`missing column rate (or fundingRate, funding_rate) in header ${header}`, { line: first.line });
  }
  const timeColumn = hasHeader ? (first.fields[timeIndex] ?? "timestamp") : "timestamp";
  const rateColumn = hasHeader ? (first.fields[rateIndex] ?? "rate") : "rate";
  const width = Math.max(timeIndex, rateIndex) + 1;
  const rates: FundingRate[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const { line, fields } of hasHeader ? lines.slice(1) : lines) {
    if (fields.length < width) throw new ImportFormatError(`expected at least ${width} columns, found ${fields.length}`, { line });
    const time = readTimestamp(fields[timeIndex], { line, column: timeColumn });
    const rate = readNumber(fields[rateIndex], { line, column: rateColumn });
    checkIncreasing(time, previous, { line, column: timeColumn });
    rates.push({ time, rate });
    origins.push(line);
    previous = time;
  }
  return { rates, origins: { kind: "lines", lines: origins } };
}

export function parseFundingJson(text: string): FundingRate[] {
  const rates: FundingRate[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  parseJsonArray(text).forEach((item, index) => {
    const entry = index + 1;
    let time: number;
    let rate: number;
    let timeColumn = "timestamp";
    if (Array.isArray(item)) {
      if (item.length < 2) throw new ImportFormatError(`expected [timestamp, rate], found ${item.length} values`, { entry });
      time = readTimestamp(item[0], { entry, column: timeColumn });
      rate = readNumber(item[1], { entry, column: "rate" });
    } else if (typeof item === "object" && item !== null) {
      const record = item as Record<string, unknown>;
      const timeField = pickField(record, TIME_NAMES);
      const rateField = pickField(record, RATE_NAMES);
      if (timeField === null) throw new ImportFormatError(`missing the time field (one of ${TIME_NAMES.join(", ")})`, { entry });
      if (rateField === null) throw new ImportFormatError(`missing the rate field (one of ${RATE_NAMES.join(", ")})`, { entry });
      timeColumn = timeField.key;
      time = readTimestamp(timeField.value, { entry, column: timeColumn });
      rate = readNumber(rateField.value, { entry, column: rateField.key });
    } else {
      throw new ImportFormatError(`expected an array or an object, found ${JSON.stringify(item)}`, { entry });
    }
    checkIncreasing(time, previous, { entry, column: timeColumn });
    rates.push({ time, rate });
    previous = time;
  });
  return rates;
}
