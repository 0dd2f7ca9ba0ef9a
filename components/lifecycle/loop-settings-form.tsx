"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { FormField } from "@/components/forms/form-field";
import { apiJson, fieldMessages, generalMessage } from "@/lib/client/api-client";
import { RESEARCH_LOOP_FIELD_LABELS, researchLoopSavedSchema, type ResearchLoopSettingsInput, type ResearchLoopSettingsJson } from "@/lib/contract/lifecycle";
import { formatUtcSeconds } from "@/lib/format";

const SWITCHES: { name: "fetch" | "retrain" | "autoPromote" | "autoDemote"; hint: string }[] = [
  { name: "fetch", hint: "new candles and funding from the exchange first" },
  { name: "retrain", hint: "the learned models, in the pipeline's learning phase" },
  { name: "autoPromote", hint: "a pair that passes starts paper trading" },
  { name: "autoDemote", hint: "a paper or live pair that no longer passes, or drifts, is retired" },
];

function inputOf(settings: ResearchLoopSettingsJson): ResearchLoopSettingsInput {
  const { enabled, cron, windowDays, fetch, retrain, autoPromote, autoDemote } = settings;
  return { enabled, cron, windowDays, fetch, retrain, autoPromote, autoDemote };
}

/** The loop's schedule and switches; saving says what changed, and a refused field says why beside it. */
export function LoopSettingsForm({ settings }: { settings: ResearchLoopSettingsJson }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<ResearchLoopSettingsInput>(() => inputOf(settings));
  const [windowText, setWindowText] = useState(String(settings.windowDays));
  const save = useMutation({
    mutationFn: (input: ResearchLoopSettingsInput) => apiJson("/api/research-loop", researchLoopSavedSchema, { method: "PUT", body: input }),
    onSuccess: (answer) => {
      setDraft(inputOf(answer.settings));
      setWindowText(String(answer.settings.windowDays));
      queryClient.setQueryData(["research-loop"], (old: { settings: ResearchLoopSettingsJson; runs: unknown[] } | undefined) => (old ? { ...old, settings: answer.settings } : old));
    },
  });
  const errors = fieldMessages(save.error);
  const general = generalMessage(save.error, Object.keys(RESEARCH_LOOP_FIELD_LABELS));
  const set = <K extends keyof ResearchLoopSettingsInput>(name: K, value: ResearchLoopSettingsInput[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const shown = save.data?.settings ?? settings;
  return (
    <form
      className="form"
      data-testid="loop-settings-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ ...draft, windowDays: Number(windowText) });
      }}
    >
      <label className="checkbox loop-enabled">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set("enabled", e.target.checked)} data-testid="loop-enabled" />
        <span>Run the loop on its schedule</span>
      </label>
      <p className="muted small" data-testid="loop-next-run">
        {shown.enabled && shown.nextRunAt ? `Next run: ${formatUtcSeconds(shown.nextRunAt)}` : "The schedule is off: the loop runs only when started by hand."}
      </p>
      <div className="form-row">
        <FormField label="Schedule (cron, UTC)" name="cron" htmlFor="loop-cron" error={errors.cron} hint="minute hour day month weekday, e.g. 0 */6 * * * for every six hours">
          <input id="loop-cron" className="mono" value={draft.cron} onChange={(e) => set("cron", e.target.value)} data-testid="loop-cron" spellCheck={false} autoComplete="off" />
        </FormField>
        <FormField label="Window (days)" name="windowDays" htmlFor="loop-window" error={errors.windowDays} hint="history re-run, ending at the newest candle">
          <input id="loop-window" type="number" min={7} max={730} step={1} value={windowText} onChange={(e) => setWindowText(e.target.value)} data-testid="loop-window" />
        </FormField>
      </div>
      <fieldset className="rules-fieldset loop-switches">
        <legend className="field-label">Each run</legend>
        {SWITCHES.map((s) => (
          <label key={s.name} className="checkbox">
            <input type="checkbox" checked={draft[s.name]} onChange={(e) => set(s.name, e.target.checked)} data-testid={`loop-${s.name}`} />
            <span>
              {RESEARCH_LOOP_FIELD_LABELS[s.name]} <span className="muted small">— {s.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <p className="muted small">Nothing is ever moved to live by the loop: only a person arming a live account does that.</p>
      <button type="submit" className="button" disabled={save.isPending} data-testid="loop-save">
        {save.isPending ? "Saving…" : "Save settings"}
      </button>
      {general ? <p className="form-error" role="alert">{general}</p> : null}
      {save.isSuccess ? (
        <p className="form-success" data-testid="loop-saved">
          {save.data.changed.length === 0 ? "Saved: nothing changed." : `Saved: ${save.data.changed.map((c) => RESEARCH_LOOP_FIELD_LABELS[c]).join(", ")} changed.`}
        </p>
      ) : null}
      {shown.updatedAt ? (
        <p className="muted small">
          Last saved {formatUtcSeconds(shown.updatedAt)}
          {shown.updatedBy ? ` by ${shown.updatedBy}` : ""}.
        </p>
      ) : null}
    </form>
  );
}
