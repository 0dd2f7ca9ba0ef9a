"use client";

import { useEffect, useRef, type ReactNode } from "react";

/**
 * A modal question with one explicit confirm click (never window.confirm: a test drives it like a person does).
 * Escape or Cancel closes it; Cancel has the focus, so Enter alone never confirms a halt.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  danger,
  pending,
  onConfirm,
  onCancel,
  children,
}: {
  title: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onCancel();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onCancel]);
  return (
    <div className="dialog-backdrop">
      <div className="dialog panel" role="dialog" aria-modal="true" aria-labelledby="live-dialog-title" data-testid="live-confirm-dialog">
        <h2 id="live-dialog-title">{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          <button ref={cancel} type="button" className="button secondary" data-testid="live-confirm-cancel" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
          <button type="button" className={`button ${danger ? "kill" : ""}`} data-testid="live-confirm" onClick={onConfirm} disabled={pending}>
            {pending ? "Sending…" : confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
