"use client";

import { downloadCsv } from "@/lib/client/csv";

/** Saves the rows the table shows (after its filters) as a CSV file; the text is built by the table that owns the rows. */
export function CsvDownloadButton({ filename, csv, rows, testId }: { filename: string; csv: string; rows: number; testId: string }) {
  return (
    <button type="button" className="button small secondary" disabled={rows === 0} onClick={() => downloadCsv(filename, csv)} data-testid={testId}>
      Export {rows.toLocaleString("en-US")} {rows === 1 ? "row" : "rows"} (CSV)
    </button>
  );
}
