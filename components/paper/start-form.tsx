"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError, FormField } from "@/components/forms/form-field";
import { apiJson, fieldMessages, generalMessage } from "@/lib/client/api-client";
import { hypothesisListSchema } from "@/lib/contract/hypotheses";
import { paperStartedSchema } from "@/lib/contract/paper";
import { DEFAULT_INSTRUMENTS } from "@/lib/market/instruments";
import { compareTimeframes } from "@/lib/market/timeframe";
import { HypothesisName } from "./hypothesis-name";

const SPEEDS = [
  { value: 0, label: "as fast as possible" },
  { value: 5, label: "5 ms per 1m bar" },
  { value: 20, label: "20 ms per 1m bar" },
  { value: 100, label: "100 ms per 1m bar" },
] as const;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as UTC midnight (date inputs carry no zone; everything here is UTC); NaN for a malformed date. */
const utcDay = (value: string): number => Date.parse(`${value}T00:00:00Z`);

/**
 * Starts a paper account: hypotheses (checked by default: the final report's recommendations), instruments, replay
 * speed and an optional period. Without a recommendation nothing is pre-checked and the page says why.
 */
export function PaperStartForm({ recommended, onStarted }: { recommended: readonly { hypothesisId: string; symbol: string }[]; onStarted: (accountId: string) => void }) {
  const hypotheses = useQuery({
    queryKey: ["hypotheses"],
    queryFn: ({ signal }) => apiJson("/api/hypotheses", hypothesisListSchema, { signal }),
  });
  const recommendedIds = useMemo(() => [...new Set(recommended.map((r) => r.hypothesisId))], [recommended]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [symbols, setSymbols] = useState<string[]>([DEFAULT_INSTRUMENTS[0]]);
  const [speedMs, setSpeedMs] = useState(5);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [name, setName] = useState("");
  const selected = chosen ?? recommendedIds;

  useEffect(() => {
    const recSymbols = [...new Set(recommended.map((r) => r.symbol))];
    if (recSymbols.length > 0) setSymbols(recSymbols);
  }, [recommended]);

  const start = useMutation({
    mutationFn: (period: { from?: number; to?: number }) =>
      apiJson("/api/paper", paperStartedSchema, {
        body: { hypothesisIds: selected.length > 0 ? selected : undefined, symbols, speedMs, ...period, name: name.trim() || undefined, feed: "replay" },
      }),
    onSuccess: (r) => onStarted(r.accountId),
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const errors = { ...fieldMessages(start.error), ...local };
  // Same order as every other list of timeframes (by bar length), then by name.
  const list = [...(hypotheses.data?.hypotheses ?? [])].sort((a, b) => compareTimeframes(a.timeframe, b.timeframe) || a.name.localeCompare(b.name));

  const submit = () => {
    const fromMs = from ? utcDay(from) : undefined;
    const toMs = to ? utcDay(to) : undefined;
    const problems: Record<string, string> = {};
    if (fromMs !== undefined && !Number.isFinite(fromMs)) problems.from = "a date, YYYY-MM-DD";
    if (toMs !== undefined && !Number.isFinite(toMs)) problems.to = "a date, YYYY-MM-DD";
    if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) problems.to = "the end is before the start";
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    // The end date is inclusive, as on Backtests: the replay runs to the end of that UTC day (bars opening up to 23:59).
    start.mutate({ from: fromMs, to: toMs === undefined ? undefined : toMs + DAY_MS - 1 });
  };

  return (
    <form
      className="form"
      data-testid="paper-start-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {recommendedIds.length === 0 ? (
        <p className="muted small" data-testid="paper-no-recommendations">
          Nothing passed the edge analysis yet, so there is no recommendation: choose the hypotheses to paper-trade yourself.
        </p>
      ) : null}
      <FormField label={`Hypotheses (${selected.length} chosen)`} name="hypothesisIds" error={errors.hypothesisIds}>
        <div className="paper-hypotheses" data-testid="paper-hypotheses">
          {hypotheses.isLoading ? <span className="muted small">Loading hypotheses…</span> : null}
          {list.length === 0 && !hypotheses.isLoading ? <span className="muted small">No hypotheses stored: run discovery on the Signals page first.</span> : null}
          {list.map((h) => (
            <label key={h.id} className="checkbox">
              <input
                type="checkbox"
                value={h.id}
                data-testid="paper-hypothesis-option"
                checked={selected.includes(h.id)}
                onChange={(e) => setChosen(e.target.checked ? [...selected, h.id] : selected.filter((id) => id !== h.id))}
              />
              <span className="mono small">{h.timeframe}</span> <HypothesisName name={h.name} />
              {recommendedIds.includes(h.id) ? <span className="badge status-succeeded">recommended</span> : null}
            </label>
          ))}
        </div>
      </FormField>
      <FormField label="Instruments" name="symbols" error={errors.symbols}>
        <CheckboxGroup name="paper-symbols" options={DEFAULT_INSTRUMENTS} value={symbols} onChange={setSymbols} />
      </FormField>
      <div className="form-row">
        <FormField label="Replay speed" name="speedMs" htmlFor="paper-speed" error={errors.speedMs}>
          <select id="paper-speed" data-testid="paper-speed" value={speedMs} onChange={(e) => setSpeedMs(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </FormField>
        <FormField label="From (UTC day, optional)" name="from" htmlFor="paper-from" error={errors.from}>
          <input id="paper-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="paper-from" />
        </FormField>
        <FormField label="To (UTC day, inclusive, optional)" name="to" htmlFor="paper-to" error={errors.to}>
          <input id="paper-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="paper-to" />
        </FormField>
        <FormField label="Name (optional)" name="name" htmlFor="paper-name" error={errors.name}>
          <input id="paper-name" value={name} onChange={(e) => setName(e.target.value)} data-testid="paper-name" maxLength={80} />
        </FormField>
      </div>
      <p className="field-hint">Feed: replay of stored candles (closed bars only). Live accounts on the Kraken Futures feed start from the command line: <code>npm run paper -- start --feed live</code>.</p>
      <FormError message={generalMessage(start.error, ["hypothesisIds", "symbols", "speedMs", "from", "to", "name"])} testId="paper-start-error" />
      <div>
        <button type="submit" className="button" data-testid="paper-start" disabled={start.isPending}>
          {start.isPending ? "Starting…" : "Start paper trading"}
        </button>
      </div>
    </form>
  );
}
