"use client";

import { useState, type FormEvent } from "react";
import { FormError, FormField } from "@/components/forms/form-field";
import { MAX_IMPORT_BODY_BYTES } from "@/lib/body-limits";
import { fieldMessages, generalMessage } from "@/lib/client/api-client";
import { useStartJob } from "@/lib/client/use-start-job";
import { errorMessage } from "@/lib/error-message";
import { formatBytes } from "@/lib/format";

const FIELDS = ["text", "fileName", "symbol", "kind", "timeframe"];
const LIMIT = formatBytes(MAX_IMPORT_BODY_BYTES);
const tooLarge = (what: string) => ({ text: `${what}; the browser import takes up to ${LIMIT} (use \`npm run data -- import\` for larger files)` });

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
    // The server's and the proxy's cap too (lib/body-limits.js): a file over it is refused before it is read.
    if (file.size > MAX_IMPORT_BODY_BYTES) return setLocal(tooLarge(`the file is ${formatBytes(file.size)}`));
    setLocal({});
    setReading(true);
    try {
      const params = { fileName: file.name, text: await file.text(), symbol, kind, timeframe: kind === "candles" ? timeframe : undefined };
      // The cap is on the request useStartJob sends, where JSON escaping (a newline is two characters) adds a little.
      const bodyBytes = new Blob([JSON.stringify({ kind: "import", params })]).size;
      if (bodyBytes > MAX_IMPORT_BODY_BYTES) return setLocal(tooLarge(`the file is ${formatBytes(bodyBytes)} once encoded for sending`));
      start.mutate(params);
    } catch (cause) {
      setLocal({ text: `could not read the file: ${errorMessage(cause)}` });
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
      <FormField label={`File (up to ${LIMIT})`} name="text" htmlFor="import-file" error={fileError}>
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
