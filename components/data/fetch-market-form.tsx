"use client";

import { useState, type FormEvent } from "react";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError, FormField } from "@/components/forms/form-field";
import { fieldMessages, generalMessage } from "@/lib/client/api-client";
import { useStartJob } from "@/lib/client/use-start-job";
import { compareTimeframes } from "@/lib/market/timeframe";

const EXCHANGES = [
  { id: "krakenfutures", label: "Kraken Futures" },
  { id: "gemini", label: "Gemini" },
] as const;
const FIELDS = ["exchange", "symbols", "timeframes", "months"];
/** Exchanges have no 2m candles: the fetch builds 2m from the 1m it fetched whenever 2m is asked for. */
const DERIVED = { timeframe: "2m", from: "1m" } as const;

/**
 * Fetches candles and funding history page by page into the store; resumes where a previous fetch stopped. 2m is not
 * a choice: it is shown as built from 1m, and asked for whenever 1m is fetched.
 */
export function FetchMarketForm({ instruments, timeframes, defaultMonths }: { instruments: readonly string[]; timeframes: readonly string[]; defaultMonths: number }) {
  const ordered = [...timeframes].sort(compareTimeframes);
  const fetchable = ordered.filter((tf) => tf !== DERIVED.timeframe);
  const derivable = timeframes.includes(DERIVED.timeframe);
  const [exchange, setExchange] = useState<string>(EXCHANGES[0].id);
  const [symbols, setSymbols] = useState<string[]>([...instruments]);
  const [chosenTimeframes, setTimeframes] = useState<string[]>(fetchable);
  const withDerived = derivable && chosenTimeframes.includes(DERIVED.from);
  const [months, setMonths] = useState(String(defaultMonths));
  const [local, setLocal] = useState<Record<string, string>>({});
  const start = useStartJob("fetch");
  const errors = { ...fieldMessages(start.error), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (months.trim() === "") return setLocal({ months: "required" });
    setLocal({});
    const requested = withDerived ? [...chosenTimeframes, DERIVED.timeframe].sort(compareTimeframes) : chosenTimeframes;
    start.mutate({ exchange, symbols, timeframes: requested, months: Number(months) });
  };

  return (
    <form className="panel form" onSubmit={submit} data-testid="fetch-form" noValidate>
      <h2>Fetch from exchange</h2>
      <p className="muted small">Needs internet access. Exchanges have no 2m candles: 2m is built from the fetched 1m candles.</p>
      <div className="form-row">
        <FormField label="Exchange" name="exchange" htmlFor="fetch-exchange" error={errors.exchange}>
          <select id="fetch-exchange" data-testid="fetch-exchange" value={exchange} onChange={(e) => setExchange(e.target.value)}>
            {EXCHANGES.map((x) => (
              <option key={x.id} value={x.id}>
                {x.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="Months" name="months" htmlFor="fetch-months" error={errors.months}>
          <input id="fetch-months" data-testid="fetch-months" type="number" min={1} max={60} step={1} value={months} onChange={(e) => setMonths(e.target.value)} />
        </FormField>
      </div>
      <FormField label="Instruments" name="symbols" error={errors.symbols}>
        <CheckboxGroup name="fetch-symbols" options={instruments} value={symbols} onChange={setSymbols} />
      </FormField>
      <FormField label="Timeframes" name="timeframes" error={errors.timeframes}>
        <CheckboxGroup
          name="fetch-timeframes"
          options={ordered}
          value={chosenTimeframes}
          onChange={setTimeframes}
          locked={derivable ? { [DERIVED.timeframe]: { checked: withDerived, note: `built from ${DERIVED.from}` } } : {}}
        />
      </FormField>
      <FormError message={generalMessage(start.error, FIELDS)} testId="fetch-form-error" />
      <button type="submit" className="button" data-testid="fetch-submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Fetch"}
      </button>
    </form>
  );
}
