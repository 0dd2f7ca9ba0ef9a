import type { Candle } from "./candle";

export const CANDLE_CSV_HEADER = "timestamp,open,high,low,close,volume";

/** Candles as CSV with epoch-ms timestamps; numbers are written in full so `parseCandleFile` reads them back exactly. */
export function formatCandlesCsv(candles: readonly Candle[]): string {
  const lines = [CANDLE_CSV_HEADER];
  for (const c of candles) lines.push(`${c.time},${c.open},${c.high},${c.low},${c.close},${c.volume}`);
  return `${lines.join("\n")}\n`;
}
