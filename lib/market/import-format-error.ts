/**
 * Where in an imported file a problem is: a CSV line (1-based, header and blank lines included), a JSON array entry
 * (1-based), or a row of a table without lines (Feather, 1-based).
 */
export interface ImportLocation {
  line?: number;
  entry?: number;
  row?: number;
  column?: string;
}

/** An import file that cannot be read as a whole; nothing is imported from it. */
export class ImportFormatError extends Error {
  readonly code = "IMPORT_FORMAT_INVALID";
  readonly line: number | null;
  readonly entry: number | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly reason: string;

  constructor(reason: string, location: ImportLocation = {}) {
    const where = [
      location.line !== undefined ? `Line ${location.line}` : null,
      location.entry !== undefined ? `Entry ${location.entry}` : null,
      location.row !== undefined ? `Row ${location.row}` : null,
      location.column !== undefined ? `column ${location.column}` : null,
    ].filter((part) => part !== null);
    super(where.length > 0 ? `${where.join(", ")}: ${reason}` : reason);
    this.name = "ImportFormatError";
    this.line = location.line ?? null;
    this.entry = location.entry ?? null;
    this.row = location.row ?? null;
    this.column = location.column ?? null;
    this.reason = reason;
  }
}
