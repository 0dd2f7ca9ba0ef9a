"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { FormError, FormField, RequiredMark } from "@/components/forms/form-field";
import { ApiError, apiJson, fieldMessages, generalMessage } from "@/lib/client/api-client";
import { ruleCheckSchema, savedHypothesisSchema } from "@/lib/contract/hypotheses";
import { BELOW_MIN_RISK_REWARD } from "@/lib/signals/min-risk-reward";

export interface CustomHypothesisOptions {
  timeframes: readonly string[];
  signalTypes: readonly string[];
  regimes: readonly string[];
  indicators: readonly string[];
}

const CHECK_DELAY_MS = 150;
const FIELDS = ["name", "timeframe", "direction", "description", "entryConditions", "stopLoss", "target", "allowBelowMinRiskReward", "typicalHoldMinutes", "expectedAccuracy", "signalType", "regimeBest", "fundingRateConsideration"];

/** `entryConditions[2]` → `entryConditions-2`: test ids without brackets. */
const ruleTestId = (field: string) => `rule-error-${field.replace(/\[(\d+)\]/g, "-$1")}`;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(t);
  }, [value, delayMs]);
  return debounced;
}

const EMPTY = {
  name: "",
  timeframe: "5m",
  direction: "long" as "long" | "short",
  entryConditions: [""],
  stopLoss: "",
  target: "",
  allowBelowMinRiskReward: false,
  holdMin: "",
  holdMax: "",
  accuracyPct: "",
  signalType: "",
  regimeBest: "any",
  description: "",
  fundingRateConsideration: "",
};
type Draft = typeof EMPTY;

/** The API field a draft key's message is shown under, so editing a field clears only its own message. */
const FIELD_OF: Record<keyof Draft, string> = {
  name: "name",
  timeframe: "timeframe",
  direction: "direction",
  entryConditions: "entryConditions",
  stopLoss: "stopLoss",
  target: "target",
  allowBelowMinRiskReward: "allowBelowMinRiskReward",
  holdMin: "typicalHoldMinutes",
  holdMax: "typicalHoldMinutes",
  accuracyPct: "expectedAccuracy",
  signalType: "signalType",
  regimeBest: "regimeBest",
  description: "description",
  fundingRateConsideration: "fundingRateConsideration",
};

const numberOf = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * Every blank required field and unreadable number of a draft at once, keyed by API field (`entryConditions[1]`), so
 * one Save shows them all; what parses is checked by the server, which names what remains.
 */
function draftProblems(draft: Draft): Record<string, string> {
  const problems: Record<string, string> = {};
  const required = (field: string, value: string) => {
    if (value.trim() === "") problems[field] = "required";
  };
  required("name", draft.name);
  draft.entryConditions.forEach((rule, i) => required(`entryConditions[${i}]`, rule));
  required("stopLoss", draft.stopLoss);
  required("target", draft.target);
  required("description", draft.description);
  const [holdMin, holdMax, accuracyPct] = [numberOf(draft.holdMin), numberOf(draft.holdMax), numberOf(draft.accuracyPct)];
  if (!Number.isFinite(holdMin) || !Number.isFinite(holdMax)) problems.typicalHoldMinutes = "enter both the minimum and the maximum, in minutes";
  else if (holdMin > holdMax) problems.typicalHoldMinutes = "the minimum must not exceed the maximum";
  if (!Number.isFinite(accuracyPct) || accuracyPct < 0 || accuracyPct > 100) problems.expectedAccuracy = "a percentage from 0 to 100";
  return problems;
}

/**
 * Write your own hypothesis. Rules are checked by the server's parser as you type (the same code that runs the
 * backtest), and the save validates everything again; a malformed rule saves nothing.
 */
export function CustomHypothesisForm({ options }: { options: CustomHypothesisOptions }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, signalType: options.signalTypes[0] ?? "" });
  const [local, setLocal] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ id: string; name: string; replaced: boolean } | null>(null);

  // Debounced as text: a fresh object every render would restart the timer forever. Checked without the override,
  // so a reward:risk below the minimum stays visible while the box is ticked.
  const rulesText = useDebounced(
    JSON.stringify({
      direction: draft.direction,
      timeframe: draft.timeframe,
      entryConditions: draft.entryConditions.map((r) => r.trim()),
      stopLoss: draft.stopLoss.trim(),
      target: draft.target.trim(),
    }),
    CHECK_DELAY_MS,
  );
  const check = useQuery({
    queryKey: ["rule-check", rulesText],
    queryFn: ({ signal }) => apiJson("/api/hypotheses/validate", ruleCheckSchema, { body: JSON.parse(rulesText) as unknown, signal }),
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });

  const save = useMutation({
    mutationFn: (body: unknown) => apiJson("/api/hypotheses", savedHypothesisSchema, { body }),
    onSuccess: ({ hypothesis, replaced }) => {
      setSaved({ id: hypothesis.id, name: hypothesis.name, replaced });
      setDraft({ ...EMPTY, signalType: options.signalTypes[0] ?? "" });
      router.refresh();
    },
  });

  // Editing clears a refused save's messages (the live check takes over for the rules) and the edited field's own
  // message; the other fields keep theirs until they are fixed.
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (save.isError) save.reset();
    const field = FIELD_OF[key];
    setLocal((l) => (Object.keys(l).some((k) => k === field || k.startsWith(`${field}[`)) ? Object.fromEntries(Object.entries(l).filter(([k]) => k !== field && !k.startsWith(`${field}[`))) : l));
  };

  // A save's answer names exact fields (entryConditions[1]); the live check covers the rules in between saves.
  const saveIssues = save.error instanceof ApiError ? save.error.issues : [];
  const shortfall = check.data?.issues.find((i) => i.code === BELOW_MIN_RISK_REWARD);
  const liveIssues = (check.data?.issues ?? []).filter((i) => i !== shortfall || !draft.allowBelowMinRiskReward);
  const ruleError = (field: string) => saveIssues.find((i) => i.field === field)?.message ?? liveIssues.find((i) => i.field === field)?.message ?? local[field];
  const errors = { ...fieldMessages(save.error), ...local };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    const problems = draftProblems(draft);
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    const [holdMin, holdMax, accuracyPct] = [numberOf(draft.holdMin), numberOf(draft.holdMax), numberOf(draft.accuracyPct)];
    save.mutate({
      name: draft.name,
      timeframe: draft.timeframe,
      direction: draft.direction,
      description: draft.description,
      entryConditions: draft.entryConditions,
      stopLoss: draft.stopLoss,
      target: draft.target,
      ...(draft.allowBelowMinRiskReward ? { allowBelowMinRiskReward: true } : {}),
      typicalHoldMinutes: [holdMin, holdMax],
      expectedAccuracy: accuracyPct / 100,
      signalType: draft.signalType,
      regimeBest: draft.regimeBest,
      fundingRateConsideration: draft.fundingRateConsideration,
    });
  };

  const setRule = (i: number, value: string) => set("entryConditions", draft.entryConditions.map((r, j) => (j === i ? value : r)));
  const generalError = generalMessage(save.error, FIELDS);

  return (
    <form className="panel form" onSubmit={submit} data-testid="custom-hypothesis-form" noValidate>
      <h2>Write a hypothesis</h2>
      <p className="muted small">
        Rules read like <code>RSI(14) &lt; 30</code>, <code>Close crosses above EMA(20)</code>, <code>Volume &gt; 2x average</code>, <code>15m: ADX(14) &gt; 25</code>,{" "}
        <code>Funding &gt; 0.0003</code>. Indicators: {options.indicators.join(", ")}. Stops: <code>1.5 ATR below entry</code>, <code>30 pips</code>, <code>0.5%</code>;
        targets also <code>2R</code>.
      </p>
      <p className="muted small">
        Fields marked <RequiredMark /> are required.
      </p>
      <div className="form-row">
        <FormField label="Name" name="name" htmlFor="h-name" error={errors.name} required>
          <input id="h-name" data-testid="h-name" required value={draft.name} onChange={(e) => set("name", e.target.value)} placeholder="e.g. RSI oversold bounce" />
        </FormField>
        <FormField label="Timeframe" name="timeframe" htmlFor="h-timeframe" error={errors.timeframe}>
          <select id="h-timeframe" data-testid="h-timeframe" value={draft.timeframe} onChange={(e) => set("timeframe", e.target.value)}>
            {options.timeframes.map((tf) => (
              <option key={tf}>{tf}</option>
            ))}
          </select>
        </FormField>
        <FormField label="Direction" name="direction" htmlFor="h-direction" error={errors.direction}>
          <select id="h-direction" data-testid="h-direction" value={draft.direction} onChange={(e) => set("direction", e.target.value === "short" ? "short" : "long")}>
            <option value="long">long</option>
            <option value="short">short</option>
          </select>
        </FormField>
        <FormField label="Signal type" name="signalType" htmlFor="h-signal-type" error={errors.signalType}>
          <select id="h-signal-type" data-testid="h-signal-type" value={draft.signalType} onChange={(e) => set("signalType", e.target.value)}>
            {options.signalTypes.map((t) => (
              <option key={t} value={t}>
                {t.replace("_", " ")}
              </option>
            ))}
          </select>
        </FormField>
      </div>

      <fieldset className="rules-fieldset">
        <legend className="field-label">
          Entry conditions (all must hold on the closed bar)
          <RequiredMark />
        </legend>
        {draft.entryConditions.map((rule, i) => {
          const field = `entryConditions[${i}]`;
          const error = ruleError(field);
          return (
            <div key={i} className={`rule-row ${error ? "has-error" : ""}`}>
              <div className="rule-input">
                <input
                  aria-label={`Entry condition ${i + 1}`}
                  data-testid={`h-entry-${i}`}
                  className="mono"
                  required
                  value={rule}
                  onChange={(e) => setRule(i, e.target.value)}
                  placeholder={i === 0 ? "e.g. RSI(14) < 30" : "e.g. Close > SMA(200)"}
                  spellCheck={false}
                  autoComplete="off"
                />
                {draft.entryConditions.length > 1 ? (
                  <button type="button" className="button secondary small" aria-label={`Remove condition ${i + 1}`} onClick={() => set("entryConditions", draft.entryConditions.filter((_, j) => j !== i))}>
                    Remove
                  </button>
                ) : null}
              </div>
              {error ? (
                <p className="field-error" role="alert" data-testid={ruleTestId(field)}>
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
        {errors.entryConditions && !saveIssues.some((i) => i.field.startsWith("entryConditions[")) ? <p className="field-error">{errors.entryConditions}</p> : null}
        <button type="button" className="button secondary small" data-testid="h-add-entry" disabled={draft.entryConditions.length >= 10} onClick={() => set("entryConditions", [...draft.entryConditions, ""])}>
          Add condition
        </button>
      </fieldset>

      <div className="form-row">
        <RuleField label="Stop loss" field="stopLoss" value={draft.stopLoss} placeholder="e.g. 1.5 ATR below entry" error={ruleError("stopLoss")} onChange={(v) => set("stopLoss", v)} />
        <RuleField label="Target" field="target" value={draft.target} placeholder="e.g. 2R" error={ruleError("target")} onChange={(v) => set("target", v)} />
      </div>
      {shortfall || draft.allowBelowMinRiskReward ? (
        <div className="field" data-testid="h-below-min-rr">
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="h-allow-below-min-rr"
              checked={draft.allowBelowMinRiskReward}
              onChange={(e) => set("allowBelowMinRiskReward", e.target.checked)}
            />
            Test it anyway, below the minimum reward:risk for {draft.timeframe}
          </label>
          {draft.allowBelowMinRiskReward && shortfall ? (
            <p className="muted small" data-testid="h-below-min-rr-note">
              {shortfall.message}. Its results will be marked “below min R:R”.
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="form-row">
        <FormField label="Typical hold (minutes): min – max" name="typicalHoldMinutes" error={errors.typicalHoldMinutes} required>
          <div className="pair">
            <input aria-label="Typical hold minimum (minutes)" data-testid="h-hold-min" type="number" min={1} required value={draft.holdMin} onChange={(e) => set("holdMin", e.target.value)} placeholder="e.g. 10" />
            <span className="muted">–</span>
            <input aria-label="Typical hold maximum (minutes)" data-testid="h-hold-max" type="number" min={1} required value={draft.holdMax} onChange={(e) => set("holdMax", e.target.value)} placeholder="e.g. 60" />
          </div>
        </FormField>
        <FormField label="Best regime" name="regimeBest" htmlFor="h-regime" error={errors.regimeBest}>
          <select id="h-regime" data-testid="h-regime" value={draft.regimeBest} onChange={(e) => set("regimeBest", e.target.value)}>
            {options.regimes.map((r) => (
              <option key={r}>{r}</option>
            ))}
          </select>
        </FormField>
        <FormField label="Expected accuracy (%)" name="expectedAccuracy" htmlFor="h-accuracy" error={errors.expectedAccuracy} hint="your prior; the backtest measures the real one" required>
          <input id="h-accuracy" data-testid="h-accuracy" type="number" min={0} max={100} step={1} required value={draft.accuracyPct} onChange={(e) => set("accuracyPct", e.target.value)} placeholder="e.g. 55" />
        </FormField>
      </div>
      <FormField label="Description" name="description" htmlFor="h-description" error={errors.description} required>
        <textarea id="h-description" data-testid="h-description" rows={2} required value={draft.description} onChange={(e) => set("description", e.target.value)} placeholder="e.g. why this should work, and when it should not" />
      </FormField>
      <FormField label="Funding consideration (optional)" name="fundingRateConsideration" htmlFor="h-funding" error={errors.fundingRateConsideration}>
        <input id="h-funding" data-testid="h-funding" value={draft.fundingRateConsideration} onChange={(e) => set("fundingRateConsideration", e.target.value)} placeholder="e.g. avoid longs when funding is extreme" />
      </FormField>
      <FormError message={generalError} testId="custom-hypothesis-error" />
      {check.isError ? <p className="form-error">Could not check the rules: {check.error.message}</p> : null}
      {saved ? (
        <p className="form-success" role="status" data-testid="custom-hypothesis-saved">
          Saved “{saved.name}” as <code>{saved.id}</code>
          {saved.replaced ? " — it replaced a stored hypothesis with the same rules" : ""}.{" "}
          <Link href={`/backtests?hypothesis=${encodeURIComponent(saved.id)}#launch`} className="button small" data-testid="backtest-it-now">
            Backtest it now
          </Link>
        </p>
      ) : null}
      <button type="submit" className="button" data-testid="h-save" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save hypothesis"}
      </button>
    </form>
  );
}

function RuleField({ label, field, value, placeholder, error, onChange }: { label: string; field: string; value: string; placeholder: string; error: string | undefined; onChange: (v: string) => void }) {
  return (
    <div className={`field ${error ? "has-error" : ""}`}>
      <label className="field-label" htmlFor={`h-${field}`}>
        {label}
        <RequiredMark />
      </label>
      <input id={`h-${field}`} data-testid={`h-${field}`} className="mono" required value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} spellCheck={false} autoComplete="off" />
      {error ? (
        <p className="field-error" role="alert" data-testid={ruleTestId(field)}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
