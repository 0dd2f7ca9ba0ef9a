import type { Candle } from "./candle";
import { readCsvLines } from "./csv-lines";
import { detectFileFormat, type ImportFileFormat } from "./file-format";
import { ImportFormatError, type ImportLocation } from "./import-format-error";
import { checkIncreasing, findColumn, pickField, readNumber, readTimestamp } from "./import-fields";
import { parseJsonArray } from "./parse-json-array";
import { parseTimestamp } from "./parse-timestamp";
import { JSON_ENTRIES, type RowOrigins } from "./row-origins";

const TIME_NAMES = ["timestamp", "time", "date", "datetime", "open_time"];
const VALUE_COLUMNS = ["open", "high", "low", "close", "volume"] as const;

export interface ParseFileOptions {
  /** Used to pick the format from the extension (.csv, .txt, .json); otherwise the content decides. */
  fileName?: string;
  format?: ImportFileFormat;
}

/** A file's candles and where each came from, for validation messages that name the file line. */
export interface ParsedCandleFile {
  readonly candles: Candle[];
  readonly origins: RowOrigins;
}

/**
 * Reads candles from CSV (`timestamp,open,high,low,close,volume`, header optional) or JSON (an array of
 * `[ms,o,h,l,c,v]` as ccxt and freqtrade write, or of objects). All or nothing: any bad value, missing
 * column or unsorted time throws ImportFormatError naming where. OHLC consistency and timeframe alignment
 * are left to `validateCandles`, which knows the timeframe: give it `origins`.
 */
export function parseCandleFileWithOrigins(text: string, options: ParseFileOptions = {}): ParsedCandleFile {
  const format = options.format ?? detectFileFormat(text, options.fileName);
  const parsed = format === "json" ? { candles: parseCandleJson(text), origins: JSON_ENTRIES } : readCandleCsv(text);
  if (parsed.candles.length === 0) throw new ImportFormatError("The file contains no candles");
  return parsed;
}

export function parseCandleFile(text: string, options: ParseFileOptions = {}): Candle[] {
  return parseCandleFileWithOrigins(text, options).candles;
}

export function parseCandleCsv(text: string): Candle[] {
  return readCandleCsv(text).candles;
}

function readCandleCsv(text: string): ParsedCandleFile {
  const lines = readCsvLines(text);
  const first = lines[0];
  const origins: number[] = [];
  if (first === undefined) return { candles: [], origins: { kind: "lines", lines: origins } };
  // A file whose first cell is a timestamp has no header: columns are then in the standard order.
  const hasHeader = parseTimestamp(first.fields[0]) === null;
  const indices = hasHeader ? candleColumns(first.fields, first.line) : [0, 1, 2, 3, 4, 5];
  const names = hasHeader ? indices.map((index) => first.fields[index] ?? "") : ["timestamp", ...VALUE_COLUMNS];
  const width = Math.max(...indices) + 1;
  const candles: Candle[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (const { line, fields } of hasHeader ? lines.slice(1) : lines) {
    if (fields.length < width) throw new ImportFormatError(`expected at least ${width} columns, found ${fields.length}`, { line });
    const [time, ...values] = indices.map((index, k) => {
      const where = { line, column: names[k] ?? "" };
      return k === 0 ? readTimestamp(fields[index], where) : readNumber(fields[index], where);
    });
    if (time === undefined) throw new ImportFormatError("missing timestamp", { line });
    checkIncreasing(time, previous, { line, column: names[0] ?? "" });
    candles.push(toCandle(time, values, { line }));
    origins.push(line);
    previous = time;
  }
  return { candles, origins: { kind: "lines", lines: origins } };
}

export function parseCandleJson(text: string): Candle[] {
  const items = parseJsonArray(text);
  const candles: Candle[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  items.forEach((item, index) => {
    const entry = index + 1;
    let time: number;
    let values: number[];
    let timeColumn = "timestamp";
    if (Array.isArray(item)) {
      if (item.length < 6) throw new ImportFormatError(`expected [timestamp, open, high, low, close, volume], found ${item.length} values`, { entry });
      time = readTimestamp(item[0], { entry, column: timeColumn });
      values = VALUE_COLUMNS.map((column, k) => readNumber(item[k + 1], { entry, column }));
    } else if (typeof item === "object" && item !== null) {
      const record = item as Record<string, unknown>;
      const timeField = pickField(record, TIME_NAMES);
      if (timeField === null) throw new ImportFormatError(`missing the time field (one of ${TIME_NAMES.join(", ")})`, { entry });
      timeColumn = timeField.key;
      time = readTimestamp(timeField.value, { entry, column: timeColumn });
      values = VALUE_COLUMNS.map((column) => {
        const field = pickField(record, [column]);
        if (field === null) throw new ImportFormatError(`missing the ${column} field`, { entry });
        return readNumber(field.value, { entry, column });
      });
    } else {
      throw new ImportFormatError(`expected an array or an object, found ${JSON.stringify(item)}`, { entry });
    }
    checkIncreasing(time, previous, { entry, column: timeColumn });
    candles.push(toCandle(time, values, { entry }));
    previous = time;
  });
  return candles;
}

function candleColumns(header: readonly string[], line: number): number[] {
  const timeIndex = findColumn(header, TIME_NAMES);
  if (timeIndex < 0) throw new ImportFormatError(`missing column timestamp (or time, date) in header "${header.join(",")}"`, { line });
  return [
    timeIndex,
    ...VALUE_COLUMNS.map((column) => {
      const index = findColumn(header, [column]);
      if (index < 0) throw new ImportFormatError(`missing column ${column} in header "${header.join(",")}"`, { line });
      return index;
    }),
  ];
}

function toCandle(time: number, values: readonly number[], where: ImportLocation): Candle {
  const [open, high, low, close, volume] = values;
  if (open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) {
    throw new ImportFormatError("expected open, high, low, close and volume", where);
  }
  if (volume < 0) throw new ImportFormatError(`volume ${volume} is negative`, { ...where, column: "volume" });
  return { time, open, high, low, close, volume };
}
