import type { Candle, FundingRate } from "./candle";
import { readCsvLines } from "./csv-lines";
import { ImportFormatError } from "./import-format-error";
import { checkIncreasing, findColumn, readNumber } from "./import-fields";
import { readZonedTimestamp } from "./read-zoned-timestamp";
import { assertTimeZone } from "./wall-clock-time";

/** One market of the file: an exchange's contract on one coin, its candles and the funding rates on its rows. */
export interface CrossExchangeSeries {
  readonly exchange: string;
  readonly crypto: string;
  readonly pair: string;
  /** `perpetual` or `spot` in the files seen; kept as written. */
  readonly contract: string;
  readonly candles: Candle[];
  /** The rows that carry a rate (perpetuals at their funding times), at those rows' times. */
  readonly funding: FundingRate[];
}

export interface CrossExchangeCsvOptions {
  /**
   * The IANA zone the zone-less times of the file are wall-clock times in (e.g. `Europe/London` for a file written
   * by a script calling Python's `datetime.fromtimestamp` there). Default: UTC, as every other importer reads them.
   */
  readonly timeZone?: string;
}

const COLUMNS = {
  time: ["time", "timestamp", "date"],
  exchange: ["exchange"],
  crypto: ["crypto"],
  pair: ["pair"],
  contract: ["contract"],
  open: ["open"],
  high: ["high"],
  low: ["low"],
  close: ["close"],
  volume: ["volume"],
  fundingRate: ["funding rate", "funding_rate", "fundingRate"],
} as const;
type ColumnName = keyof typeof COLUMNS;

function columnIndices(header: readonly string[], line: number): Record<ColumnName, number> {
  const indices = {} as Record<ColumnName, number>;
  for (const [name, aliases] of Object.entries(COLUMNS) as [ColumnName, readonly string[]][]) {
    const index = findColumn(header, aliases);
    if (index < 0) throw new ImportFormatError(`missing column ${aliases[0]} in header "${header.join(",")}"`, { line });
    indices[name] = index;
  }
  return indices;
}


function readCandle(time: number, fields: readonly string[], at: Record<ColumnName, number>, line: number): Candle {
  const [open, high, low, close, volume] = (["open", "high", "low", "close", "volume"] as const).map((column) => readNumber(fields[at[column]], { line, column }));
  if (open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) {
    throw new ImportFormatError("expected open, high, low, close and volume", { line });
  }
  if (volume < 0) throw new ImportFormatError(`volume ${volume} is negative`, { line, column: "volume" });
  if (low > Math.min(open, close) || high < Math.max(open, close)) {
    throw new ImportFormatError(`low ${low} and high ${high} do not contain open ${open} and close ${close}`, { line, column: low > Math.min(open, close) ? "low" : "high" });
  }
  return { time, open, high, low, close, volume };
}

/**
 * Reads a CSV holding candles of several exchanges and contracts, one market per `exchange, crypto, pair, contract`,
 * with a `funding rate` column filled at funding times and blank elsewhere (spot rows, perpetual rows between
 * settlements) — the layout of optimising-funding-rate-arbitrage's `all_exchanges.csv`. Rows of different markets may
 * interleave; each market's times must strictly increase. All or nothing: a bad value throws ImportFormatError with
 * its line and column. Markets come back in the order they first appear.
 */
export function parseCrossExchangeCsv(text: string, options: CrossExchangeCsvOptions = {}): CrossExchangeSeries[] {
  if (options.timeZone !== undefined) assertTimeZone(options.timeZone);
  const [header, ...rows] = readCsvLines(text);
  if (header === undefined) throw new ImportFormatError("The file contains no candles");
  const at = columnIndices(header.fields, header.line);
  const width = Math.max(...Object.values(at)) + 1;
  const timeColumn = header.fields[at.time] ?? "time";
  const rateColumn = header.fields[at.fundingRate] ?? "funding rate";
  const markets = new Map<string, CrossExchangeSeries>();
  const lastTime = new Map<string, number>();
  for (const { line, fields } of rows) {
    if (fields.length < width) throw new ImportFormatError(`expected at least ${width} columns, found ${fields.length}`, { line });
    const [exchange = "", crypto = "", pair = "", contract = ""] = (["exchange", "crypto", "pair", "contract"] as const).map((column) => {
      const value = fields[at[column]] ?? "";
      if (value === "") throw new ImportFormatError("value is missing", { line, column });
      return value;
    });
    const key = `${exchange}\u0000${crypto}\u0000${pair}\u0000${contract}`;
    let market = markets.get(key);
    if (!market) {
      market = { exchange, crypto, pair, contract, candles: [], funding: [] };
      markets.set(key, market);
    }
    const time = readZonedTimestamp(fields[at.time] ?? "", options.timeZone, { line, column: timeColumn });
    checkIncreasing(time, lastTime.get(key) ?? Number.NEGATIVE_INFINITY, { line, column: timeColumn });
    lastTime.set(key, time);
    market.candles.push(readCandle(time, fields, at, line));
    const rate = fields[at.fundingRate] ?? "";
    if (rate !== "") market.funding.push({ time, rate: readNumber(rate, { line, column: rateColumn }) });
  }
  if (markets.size === 0) throw new ImportFormatError("The file contains no candles");
  return [...markets.values()];
}
