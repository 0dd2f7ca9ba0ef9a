"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { apiJson } from "@/lib/client/api-client";
import { liveModeResponseSchema, type LiveAccountSummary } from "@/lib/contract/live";
import type { AccountMode } from "@/lib/trading/account-mode";
import { ConfirmDialog } from "./confirm-dialog";

const ENVIRONMENT = { demo: "Kraken Futures demo", production: "Kraken Futures PRODUCTION (real funds)" } as const;

/** The kill switch (halt), reduce only and resume: a halt and a resume are confirmed in a dialog first. */
export function ModeControls({ account }: { account: LiveAccountSummary }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<AccountMode | null>(null);
  const change = useMutation({
    mutationFn: (mode: AccountMode) => apiJson(`/api/live/${account.id}/mode`, liveModeResponseSchema, { body: { mode, confirm: true } }),
    onSuccess: () => setAsking(null),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ["live", account.id] });
      void queryClient.invalidateQueries({ queryKey: ["live-accounts"] });
    },
  });
  const close = useCallback(() => setAsking(null), []);
  const where = ENVIRONMENT[account.environment];
  // The halt route queues a trader when none runs (a worker must be up to take it).
  const idle = !account.driven ? " Its trader is not running: one is queued for a worker to cancel and close." : "";

  return (
    <div className="live-controls" data-testid="live-controls">
      {account.mode !== "halted" ? (
        <button type="button" className="button kill" data-testid="live-halt" disabled={change.isPending} onClick={() => setAsking("halted")}>
          Halt: cancel all orders and close all positions
        </button>
      ) : null}
      {account.mode === "active" ? (
        <button type="button" className="button secondary" data-testid="live-reduce" disabled={change.isPending} onClick={() => change.mutate("reducing")}>
          Reduce only
        </button>
      ) : null}
      {account.mode !== "active" ? (
        <button type="button" className="button secondary" data-testid="live-resume" disabled={change.isPending} onClick={() => setAsking("active")}>
          Resume
        </button>
      ) : null}
      {change.isError ? (
        <p className="field-error" role="alert" data-testid="live-mode-error">
          {change.error.message}
        </p>
      ) : null}
      {change.isSuccess ? (
        <p className="muted small" data-testid="live-mode-message">
          {change.data.message}
        </p>
      ) : null}
      {asking === "halted" ? (
        <ConfirmDialog title={`Halt ${account.name}?`} confirmLabel="Halt now" danger pending={change.isPending} onConfirm={() => change.mutate("halted")} onCancel={close}>
          <p>
            On <strong className={account.environment === "production" ? "fail" : ""}>{where}</strong>, the trader cancels every open order of this account and
            closes every position with reduce-only market orders. No new entry is sent until a person resumes it.{idle}
          </p>
        </ConfirmDialog>
      ) : null}
      {asking === "active" ? (
        <ConfirmDialog title={`Resume ${account.name}?`} confirmLabel="Resume trading" pending={change.isPending} onConfirm={() => change.mutate("active")} onCancel={close}>
          <p>
            The trader may open new positions again on <strong className={account.environment === "production" ? "fail" : ""}>{where}</strong>. Whatever made it{" "}
            {account.mode} ({account.modeReason ?? "no reason given"}) may still be true: check the reconciliation below first.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
