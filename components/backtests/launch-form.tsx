"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState, type FormEvent } from "react";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormError, FormField } from "@/components/forms/form-field";
import { JobProgress } from "@/components/jobs/job-progress";
import { fieldMessages, generalMessage } from "@/lib/client/api-client";
import { useJobParam } from "@/lib/client/use-job-param";
import { useStartJob } from "@/lib/client/use-start-job";
import type { HypothesisOption } from "@/lib/contract/hypotheses";

const FIELDS = ["label", "hypothesisIds", "symbols", "fromMs", "toMs", "fees", "slippagePips"];
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` as UTC midnight (date inputs carry no zone; everything here is UTC). */
const utcDay = (text: string) => (text ? Date.parse(`${text}T00:00:00Z`) : Number.NaN);

/**
 * Starts a `backtest` job: chosen hypotheses (filtered by timeframe) on chosen instruments over a UTC date range, with
 * optional fee and slippage overrides; its progress shows beside the form and the batch list refreshes when it ends.
 * A hypothesis named in the URL (`?hypothesis=<id>`) starts ticked.
 */
export function BacktestLaunchForm({ hypotheses, instruments, timeframes, defaults }: { hypotheses: readonly HypothesisOption[]; instruments: readonly string[]; timeframes: readonly string[]; defaults: { from: string; to: string; taker: number; maker: number } }) {
  const router = useRouter();
  const [jobId, setJobId] = useJobParam();
  const start = useStartJob("backtest");
  // `?hypothesis=<id>` (the Signals page's "Backtest it now") arrives with that hypothesis ticked and its timeframe shown.
  const wanted = useSearchParams().get("hypothesis");
  const preselected = hypotheses.find((h) => h.id === wanted);
  const [tf, setTf] = useState(preselected?.timeframe ?? "all");
  const [picked, setPicked] = useState<string[]>(preselected ? [preselected.id] : []);
  const [symbols, setSymbols] = useState<string[]>(instruments.slice(0, 1));
  const [label, setLabel] = useState("dashboard backtest");
  const [from, setFrom] = useState(defaults.from);
  const [to, setTo] = useState(defaults.to);
  const [taker, setTaker] = useState("");
  const [maker, setMaker] = useState("");
  const [slippage, setSlippage] = useState("");
  const [local, setLocal] = useState<Record<string, string>>({});

  const shown = useMemo(() => (tf === "all" ? hypotheses : hypotheses.filter((h) => h.timeframe === tf)), [hypotheses, tf]);
  const errors = { ...fieldMessages(start.error), ...local };
  const refresh = useCallback(() => router.refresh(), [router]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (picked.length === 0) problems.hypothesisIds = "pick at least one hypothesis";
    if (symbols.length === 0) problems.symbols = "pick at least one instrument";
    const fromMs = utcDay(from);
    const toMs = utcDay(to);
    if (from && !Number.isFinite(fromMs)) problems.fromMs = "a date, YYYY-MM-DD";
    if (to && !Number.isFinite(toMs)) problems.toMs = "a date, YYYY-MM-DD";
    if (Number.isFinite(fromMs) && Number.isFinite(toMs) && fromMs > toMs) problems.toMs = "the end is before the start";
    const feeText = [taker.trim(), maker.trim()];
    if (feeText.some((f) => f !== "") && feeText.some((f) => f === "")) problems.fees = "give both taker and maker, or neither";
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    start.mutate({
      label: label.trim() || "dashboard backtest",
      hypothesisIds: picked,
      symbols,
      ...(Number.isFinite(fromMs) ? { fromMs } : {}),
      // The end date is inclusive: the run goes to the end of that UTC day.
      ...(Number.isFinite(toMs) ? { toMs: toMs + DAY_MS - 1 } : {}),
      ...(feeText[0] ? { fees: { taker: Number(feeText[0]), maker: Number(feeText[1]) } } : {}),
      ...(slippage.trim() ? { slippagePips: Number(slippage) } : {}),
    });
  };

  const pickAllShown = () => setPicked((p) => [...new Set([...p, ...shown.map((h) => h.id)])]);
  const toggle = (id: string, on: boolean) => setPicked((p) => (on ? [...p, id] : p.filter((x) => x !== id)));

  return (
    <div className="split">
      <form id="launch" className="panel form" onSubmit={submit} data-testid="backtest-form" noValidate>
        <h2>Run a backtest</h2>
        <FormField label={`Hypotheses (${picked.length} picked)`} name="hypothesisIds" error={errors.hypothesisIds}>
          <div className="filter-bar" role="group" aria-label="Filter hypotheses by timeframe">
            {["all", ...timeframes].map((t) => (
              <button key={t} type="button" className={`chip ${tf === t ? "active" : ""}`} aria-pressed={tf === t} data-testid={`bt-filter-${t}`} onClick={() => setTf(t)}>
                {t === "all" ? "All" : t} <span className="muted">{t === "all" ? hypotheses.length : hypotheses.filter((h) => h.timeframe === t).length}</span>
              </button>
            ))}
            <button type="button" className="link-button" onClick={pickAllShown} data-testid="bt-pick-shown">
              pick all shown
            </button>
            <button type="button" className="link-button" onClick={() => setPicked([])}>
              clear
            </button>
          </div>
          {hypotheses.length === 0 ? (
            <p className="muted small">No hypotheses stored yet: run discovery on the Signals page (or the pipeline) first.</p>
          ) : (
            <ul className="pick-list" data-testid="bt-hypotheses">
              {shown.map((h) => (
                <li key={h.id}>
                  <label className="checkbox">
                    <input type="checkbox" value={h.id} checked={picked.includes(h.id)} onChange={(e) => toggle(h.id, e.target.checked)} data-testid="bt-hypothesis" />
                    <span>{h.name}</span>
                    <span className="muted small">
                      {h.timeframe} · {h.direction}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </FormField>
        <FormField label="Instruments" name="symbols" error={errors.symbols}>
          <CheckboxGroup name="bt-symbols" options={instruments} value={symbols} onChange={setSymbols} />
        </FormField>
        <div className="form-row">
          <FormField label="From (UTC day)" name="fromMs" htmlFor="bt-from" error={errors.fromMs} hint="empty: all stored data">
            <input id="bt-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="bt-from" />
          </FormField>
          <FormField label="To (UTC day, inclusive)" name="toMs" htmlFor="bt-to" error={errors.toMs}>
            <input id="bt-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="bt-to" />
          </FormField>
          <FormField label="Label" name="label" htmlFor="bt-label" error={errors.label}>
            <input id="bt-label" value={label} onChange={(e) => setLabel(e.target.value)} data-testid="bt-label" />
          </FormField>
        </div>
        <div className="form-row">
          <FormField label="Taker fee" name="fees" htmlFor="bt-taker" error={errors.fees} hint={`default ${defaults.taker}`}>
            <input id="bt-taker" inputMode="decimal" placeholder={String(defaults.taker)} value={taker} onChange={(e) => setTaker(e.target.value)} data-testid="bt-taker" />
          </FormField>
          <FormField label="Maker fee" name="fees-maker" htmlFor="bt-maker" hint={`default ${defaults.maker}`}>
            <input id="bt-maker" inputMode="decimal" placeholder={String(defaults.maker)} value={maker} onChange={(e) => setMaker(e.target.value)} data-testid="bt-maker" />
          </FormField>
          <FormField label="Slippage (pips = bp)" name="slippagePips" htmlFor="bt-slippage" error={errors.slippagePips} hint="empty: each hypothesis's own">
            <input id="bt-slippage" inputMode="decimal" value={slippage} onChange={(e) => setSlippage(e.target.value)} data-testid="bt-slippage" />
          </FormField>
        </div>
        <FormError message={generalMessage(start.error, FIELDS)} testId="backtest-form-error" />
        <button type="submit" className="button" disabled={start.isPending} data-testid="bt-submit">
          {start.isPending ? "Starting…" : "Start backtest"}
        </button>
      </form>
      <div className="split-side">
        <section className="panel">
          <h2>Progress</h2>
          {jobId ? <JobProgress key={jobId} jobId={jobId} onFinished={refresh} onDismiss={() => setJobId(null)} /> : <p className="muted small">A started backtest shows its progress here.</p>}
        </section>
      </div>
    </div>
  );
}
