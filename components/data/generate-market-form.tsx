"use client";

import { useState, type FormEvent } from "react";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError, FormField } from "@/components/forms/form-field";
import { fieldMessages, generalMessage } from "@/lib/client/api-client";
import { useStartJob } from "@/lib/client/use-start-job";
import { formatUtcDay } from "@/lib/format";

const FIELDS = ["seed", "months", "symbols"];

/** Starts a synthetic-market job: the same seed always gives the same market, stored like exchange data. */
export function GenerateMarketForm({ instruments, endMs }: { instruments: readonly string[]; endMs: number }) {
  const [seed, setSeed] = useState("42");
  const [months, setMonths] = useState("6");
  const [symbols, setSymbols] = useState<string[]>([...instruments]);
  const [local, setLocal] = useState<Record<string, string>>({});
  const start = useStartJob("generate");
  const errors = { ...fieldMessages(start.error), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (seed.trim() === "") missing.seed = "required";
    if (months.trim() === "") missing.months = "required";
    setLocal(missing);
    if (Object.keys(missing).length > 0) return;
    start.mutate({ seed: Number(seed), months: Number(months), symbols });
  };

  return (
    <form className="panel form" onSubmit={submit} data-testid="generate-form" noValidate>
      <h2>Generate synthetic market</h2>
      <p className="muted small">Seeded 1m candles and 8-hourly funding, resampled to 2m–30m. Offline and reproducible.</p>
      <div className="form-row">
        <FormField label="Seed" name="seed" htmlFor="generate-seed" error={errors.seed}>
          <input id="generate-seed" data-testid="generate-seed" type="number" step={1} value={seed} onChange={(e) => setSeed(e.target.value)} />
        </FormField>
        <FormField label="Months" name="months" htmlFor="generate-months" error={errors.months} hint={`1–24, ending ${formatUtcDay(endMs)} UTC`}>
          <input id="generate-months" data-testid="generate-months" type="number" min={1} max={24} step={1} value={months} onChange={(e) => setMonths(e.target.value)} />
        </FormField>
      </div>
      <FormField label="Instruments" name="symbols" error={errors.symbols}>
        <CheckboxGroup name="generate-symbols" options={instruments} value={symbols} onChange={setSymbols} />
      </FormField>
      <FormError message={generalMessage(start.error, FIELDS)} testId="generate-form-error" />
      <button type="submit" className="button" data-testid="generate-submit" disabled={start.isPending}>
        {start.isPending ? "Starting…" : "Generate"}
      </button>
    </form>
  );
}
