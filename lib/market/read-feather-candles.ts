import { CompressionType, compressionRegistry, tableFromIPC, type Table } from "apache-arrow";
import type { Candle, FundingRate } from "./candle";
import { errorMessage } from "../error-message";
import { ImportFormatError } from "./import-format-error";
import { checkIncreasing, readNumber } from "./import-fields";
import { decodeLz4Frame } from "./lz4-frame";

const CANDLE_COLUMNS = ["date", "open", "high", "low", "close", "volume"] as const;

function readTable(bytes: Uint8Array): Table {
  // pyarrow compresses Feather v2 with LZ4 by default; apache-arrow needs the codec registered to read it.
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: decodeLz4Frame });
  try {
    return tableFromIPC(bytes);
  } catch (error) {
    const reason = errorMessage(error);
    throw new ImportFormatError(`not a readable Feather/Arrow file (${reason})`);
  }
}

/** The named columns as plain arrays; `date` (an Arrow timestamp) comes back as epoch ms. */
function readColumns<const N extends string>(table: Table, names: readonly N[]): Record<N, unknown[]> {
  const present = table.schema.fields.map((f) => f.name);
  const columns = {} as Record<N, unknown[]>;
  for (const name of names) {
    const column = table.getChild(name);
    if (column === null) throw new ImportFormatError(`missing column ${name} (the file has ${present.join(", ")})`);
    // Arrow yields timestamps as epoch-ms numbers but plain 64-bit integers as bigint.
    columns[name] = Array.from(column, (value: unknown) => (typeof value === "bigint" ? Number(value) : value));
  }
  return columns;
}

/** Reads freqtrade's Feather candle layout (date, open, high, low, close, volume). All or nothing. */
export function readFeatherCandles(bytes: Uint8Array): Candle[] {
  const table = readTable(bytes);
  const columns = readColumns(table, CANDLE_COLUMNS);
  const candles: Candle[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.numRows; i++) {
    const row = i + 1;
    const [time, open, high, low, close, volume] = CANDLE_COLUMNS.map((column) => readNumber(columns[column][i], { row, column }));
    if (time === undefined || open === undefined || high === undefined || low === undefined || close === undefined || volume === undefined) {
      throw new ImportFormatError("incomplete row", { row });
    }
    checkIncreasing(time, previous, { row, column: "date" });
    if (volume < 0) throw new ImportFormatError(`volume ${volume} is negative`, { row, column: "volume" });
    candles.push({ time, open, high, low, close, volume });
    previous = time;
  }
  return candles;
}

/**
 * Reads freqtrade's funding-rate Feather file: candle layout with the rate in `open`. Times are kept as
 * stamped (exchanges record funding a few ms after the hour).
 */
export function readFeatherFundingRates(bytes: Uint8Array): FundingRate[] {
  const table = readTable(bytes);
  const columns = readColumns(table, ["date", "open"] as const);
  const rates: FundingRate[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < table.numRows; i++) {
    const row = i + 1;
    const time = readNumber(columns.date[i], { row, column: "date" });
    const rate = readNumber(columns.open[i], { row, column: "open" });
    checkIncreasing(time, previous, { row, column: "date" });
    rates.push({ time, rate });
    previous = time;
  }
  return rates;
}
