import type { FundingRate } from "./candle";
import { readCsvLines } from "./csv-lines";
import { detectFileFormat } from "./file-format";
import { ImportFormatError } from "./import-format-error";
import { checkIncreasing, findColumn, pickField, readNumber, readTimestamp } from "./import-fields";
import type { ParseFileOptions } from "./parse-candle-file";
import { parseJsonArray } from "./parse-json-array";
import { parseTimestamp } from "./parse-timestamp";

const TIME_NAMES = ["timestamp", "time", "date", "datetime", "fundingTime"];
const RATE_NAMES = ["rate", "fundingRate", "funding_rate"];

/**
 * Reads funding rates from CSV (`timestamp,rate`; `fundingRate`/`funding_rate` also accepted; header optional)
 * or JSON (an array of `[ms, rate]`, or of objects like ccxt's fetchFundingRateHistory entries).
 * All or nothing: bad values or unsorted times throw ImportFormatError naming where. Rates are fractions.
 */
export function parseFundingFile(text: string, options: ParseFileOptions = {}): FundingRate[] {
  const format = options.format ?? detectFileFormat(text, options.fileName);
  const rates = format === "json" ? parseFundingJson(text) : parseFundingCsv(text);
  if (rates.length === 0) throw new ImportFormatError("The file contains no funding rates");
  return rates;
}

export function parseFundingCsv(text: string): FundingRate[] {
  const lines = readCsvLines(text);
  const first = lines[0];
  if (first === undefined) return [];
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
    previous = time;
  }
  return rates;
}

export function parseFundingJson(text: string): FundingRate[] {
  const rates: FundingRate[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  parseJsonArray(text).forEach((item, index) => {
    const row = index + 1;
    let time: number;
    let rate: number;
    let timeColumn = "timestamp";
    if (Array.isArray(item)) {
      if (item.length < 2) throw new ImportFormatError(`expected [timestamp, rate], found ${item.length} values`, { row });
      time = readTimestamp(item[0], { row, column: timeColumn });
      rate = readNumber(item[1], { row, column: "rate" });
    } else if (typeof item === "object" && item !== null) {
      const record = item as Record<string, unknown>;
      const timeField = pickField(record, TIME_NAMES);
      const rateField = pickField(record, RATE_NAMES);
      if (timeField === null) throw new ImportFormatError(`missing the time field (one of ${TIME_NAMES.join(", ")})`, { row });
      if (rateField === null) throw new ImportFormatError(`missing the rate field (one of ${RATE_NAMES.join(", ")})`, { row });
      timeColumn = timeField.key;
      time = readTimestamp(timeField.value, { row, column: timeColumn });
      rate = readNumber(rateField.value, { row, column: rateField.key });
    } else {
      throw new ImportFormatError(`expected an array or an object, found ${JSON.stringify(item)}`, { row });
    }
    checkIncreasing(time, previous, { row, column: timeColumn });
    rates.push({ time, rate });
    previous = time;
  });
  return rates;
}
