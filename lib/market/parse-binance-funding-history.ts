import type { FundingRate } from "./candle";
import { readCsvLines } from "./csv-lines";
import { ImportFormatError } from "./import-format-error";
import { findColumn, readNumber } from "./import-fields";
import { readZonedTimestamp } from "./read-zoned-timestamp";
import { assertTimeZone } from "./wall-clock-time";

export interface BinanceFundingHistoryOptions {
  /** The IANA zone the export's times are wall-clock times in: the browser's zone when it was downloaded. Default UTC. */
  readonly timeZone?: string;
}

const PERCENT = /^(.*)%$/;

/**
 * Reads the funding history Binance's website exports (`"Time","Contracts","Funding Interval","Funding Rate"`, newest
 * first, rates as percentages such as `"0.010000%"`) as fractions, oldest first. A rate without `%` is read as a
 * fraction already. All or nothing: a bad value or a time not older than the line above throws ImportFormatError
 * naming its line.
 */
export function parseBinanceFundingHistory(text: string, options: BinanceFundingHistoryOptions = {}): FundingRate[] {
  if (options.timeZone !== undefined) assertTimeZone(options.timeZone);
  const [header, ...rows] = readCsvLines(text);
  if (header === undefined) throw new ImportFormatError("The file contains no funding rates");
  const timeIndex = findColumn(header.fields, ["Time"]);
  const rateIndex = findColumn(header.fields, ["Funding Rate"]);
  if (timeIndex < 0) throw new ImportFormatError(`missing column Time in header "${header.fields.join(",")}"`, { line: header.line });
  if (rateIndex < 0) throw new ImportFormatError(`missing column Funding Rate in header "${header.fields.join(",")}"`, { line: header.line });
  const rates: FundingRate[] = [];
  let above = Number.POSITIVE_INFINITY;
  for (const { line, fields } of rows) {
    const time = readZonedTimestamp(fields[timeIndex] ?? "", options.timeZone, { line, column: "Time" });
    if (time >= above) throw new ImportFormatError(`time ${new Date(time).toISOString()} is not before the line above (${new Date(above).toISOString()}); the export lists newest first`, { line, column: "Time" });
    const cell = fields[rateIndex] ?? "";
    const percent = PERCENT.exec(cell)?.[1]?.trim();
    const value = readNumber(percent ?? cell, { line, column: "Funding Rate" });
    // Shifting the decimal point in the text gives the double nearest the written rate, which ÷ 100 misses for about a
    // quarter of six-decimal rates (0.000006% → 6.000000000000001e-8).
    rates.push({ time, rate: percent === undefined ? value : Number(`${percent}e-2`) });
    above = time;
  }
  rates.reverse();
  if (rates.length === 0) throw new ImportFormatError("The file contains no funding rates");
  return rates;
}
