"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiJson, fieldMessages, generalMessage } from "@/lib/client/api-client";
import { lifecycleMovedSchema, type LifecyclePairJson } from "@/lib/contract/lifecycle";

const LABELS: Partial<Record<LifecyclePairJson["state"], string>> = { retired: "Retire", candidate: "Back to research" };

/** A person's move by hand: retire it, or send it back to research, with a reason the audit trail keeps. */
export function ManualMoveForm({ pair }: { pair: LifecyclePairJson }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const move = useMutation({
    mutationFn: (to: "retired" | "candidate") => apiJson(`/api/lifecycle/${encodeURIComponent(pair.hypothesisId)}`, lifecycleMovedSchema, { body: { symbol: pair.symbol, to, reason } }),
    onSuccess: () => {
      setReason("");
      void queryClient.invalidateQueries({ queryKey: ["lifecycle"] });
    },
  });
  const moves = pair.manualMoves.filter((m): m is "retired" | "candidate" => m === "retired" || m === "candidate");
  if (moves.length === 0) return null;
  const errors = fieldMessages(move.error);
  const general = generalMessage(move.error, ["reason"]);
  return (
    <form className="manual-move" onSubmit={(e) => e.preventDefault()} data-testid="lifecycle-manual-move">
      <label className="field-label" htmlFor={`reason-${pair.hypothesisId}-${pair.symbol}`}>
        Move by hand (your reason is kept in the history)
      </label>
      <div className="manual-move-row">
        <input id={`reason-${pair.hypothesisId}-${pair.symbol}`} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why" maxLength={500} data-testid="lifecycle-move-reason" />
        {moves.map((to) => (
          <button key={to} type="button" className="button secondary small" disabled={move.isPending} onClick={() => move.mutate(to)} data-testid={`lifecycle-move-${to}`}>
            {LABELS[to]}
          </button>
        ))}
      </div>
      {errors.reason ? <p className="field-error" data-testid="field-error-reason">{errors.reason}</p> : null}
      {general ? <p className="form-error">{general}</p> : null}
      {pair.state === "live" ? <p className="warn small">Retiring it here changes the lifecycle only: halt or disarm the live account on the Live page.</p> : null}
    </form>
  );
}
