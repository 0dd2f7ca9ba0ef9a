"use client";

import { useState, type FormEvent } from "react";
import { fieldMessages, generalMessage } from "./api-client";
import { FormError, FormField } from "./form-field";
import { useStartJob } from "./use-start-job";

/** Same cap as the server's (lib/jobs/job-kinds MAX_IMPORT_CHARS); checked here first so a huge file is never read. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const FIELDS = ["text", "fileName", "symbol", "kind", "timeframe"];

/**
 * Imports a CSV or JSON file of candles or funding rates. The file is read in the browser and sent as text; the
 * server parses it whole before starting the job, so a malformed file is refused with its line and column.
 */
export function ImportFileForm({ instruments, timeframes }: { instruments: readonly string[]; timeframes: readonly string[] }) {
  const [file, setFile] = useState<File | null>(null);
  const [symbol, setSymbol] = useState(instruments[0] ?? "");
  const [kind, setKind] = useState<"candles" | "funding">("candles");
  const [timeframe, setTimeframe] = useState("5m");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [reading, setReading] = useState(false);
  const start = useStartJob("import");
  const errors = { ...fieldMessages(start.error), ...local };
  // The API names the file's content `text` and its name `fileName`; both belong next to the file input.
  const fileError = errors.text ?? errors.fileName;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    start.reset();
    if (!file) return setLocal({ text: "choose a file" });
    if (file.size > MAX_FILE_BYTES) return setLocal({ text: `the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the browser import takes up to 20 MB (use \`npm run data -- import\` for larger files)` });
    setLocal({});
    setReading(true);
    try {
      const text = await file.text();
      start.mutate({ fileName: file.name, text, symbol, kind, timeframe: kind === "candles" ? timeframe : undefined });
    } catch (cause) {
      setLocal({ text: `could not read the file: ${cause instanceof Error ? cause.message : String(cause)}` });
    } finally {
      setReading(false);
    }
  };

  return (
    <form className="panel form" onSubmit={submit} data-testid="import-form" noValidate>
      <h2>Import file</h2>
      <p className="muted small">
        CSV <code>timestamp,open,high,low,close,volume</code> (epoch ms, epoch s or ISO 8601) or a JSON array of <code>[ms, o, h, l, c, v]</code>; funding as{" "}
        <code>timestamp,rate</code>. A malformed file writes nothing.
      </p>
      <FormField label="File (up to 20 MB)" name="text" htmlFor="import-file" error={fileError}>
        <input
          id="import-file"
          data-testid="import-file"
          type="file"
          accept=".csv,.json,text/csv,application/json"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setLocal({});
            start.reset();
          }}
        />
      </FormField>
      <div className="form-row">
        <FormField label="Instrument" name="symbol" htmlFor="import-symbol" error={errors.symbol}>
          <select id="import-symbol" data-testid="import-symbol" value={symbol} onChange={(e) => setSymbol(e.target.value)}>
            {instruments.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </FormField>
        <FormField label="Contents" name="kind" htmlFor="import-kind" error={errors.kind}>
          <select id="import-kind" data-testid="import-kind" value={kind} onChange={(e) => setKind(e.target.value === "funding" ? "funding" : "candles")}>
            <option value="candles">Candles</option>
            <option value="funding">Funding rates</option>
          </select>
        </FormField>
        <FormField label="Timeframe" name="timeframe" htmlFor="import-timeframe" error={errors.timeframe}>
          <select id="import-timeframe" data-testid="import-timeframe" value={timeframe} disabled={kind === "funding"} onChange={(e) => setTimeframe(e.target.value)}>
            {timeframes.map((tf) => (
              <option key={tf}>{tf}</option>
            ))}
          </select>
        </FormField>
      </div>
      <FormError message={generalMessage(start.error, FIELDS)} testId="import-form-error" />
      <button type="submit" className="button" data-testid="import-submit" disabled={start.isPending || reading}>
        {reading ? "Reading file…" : start.isPending ? "Checking…" : "Import"}
      </button>
    </form>
  );
}
