/**
 * Where the rows of a parsed file came from, so a validation message names what an editor shows: CSV rows by their
 * 1-based file line (header and blank lines counted), JSON rows by their 1-based array entry.
 */
export type RowOrigins = { readonly kind: "lines"; readonly lines: readonly number[] } | { readonly kind: "entries" };

export const JSON_ENTRIES: RowOrigins = { kind: "entries" };

/**
 * How a message names the row at 0-based `index`: `Line 9`, `Entry 3`, or — for rows read from no file (an exchange,
 * the generator) — their 1-based position after `noun` (`Candle 4`).
 */
export function describeRow(index: number, origins: RowOrigins | undefined, noun: string): string {
  if (origins?.kind === "entries") return `Entry ${index + 1}`;
  const line = origins?.lines[index];
  return line === undefined ? `${noun} ${index + 1}` : `Line ${line}`;
}
