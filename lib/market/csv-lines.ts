export interface CsvLine {
  /** 1-based line number in the file, as an editor shows it. */
  line: number;
  fields: string[];
}

/**
 * Splits CSV text into trimmed fields per non-blank line. Market data never has commas or newlines inside
 * a field, so only surrounding double quotes are stripped; no quoted-comma support is needed.
 */
export function readCsvLines(text: string): CsvLine[] {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n|\r/);
  const out: CsvLine[] = [];
  lines.forEach((raw, index) => {
    if (raw.trim() === "") return;
    const fields = raw.split(",").map((field) => field.trim().replace(/^"(.*)"$/, "$1").trim());
    out.push({ line: index + 1, fields });
  });
  return out;
}
