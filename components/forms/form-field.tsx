import type { ReactNode } from "react";

/** A labelled input with its message underneath; `name` is the API's field name, so tests and errors agree. */
export function FormField({ label, name, htmlFor, error, hint, children }: { label: string; name: string; htmlFor?: string; error?: string | null; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className={`field ${error ? "has-error" : ""}`}>
      {htmlFor ? <label className="field-label" htmlFor={htmlFor}>{label}</label> : <span className="field-label">{label}</span>}
      {children}
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      {error ? (
        <p className="field-error" role="alert" data-testid={`field-error-${name}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A message for the whole form (network failure, server error) that no single field owns. */
export function FormError({ message, testId }: { message: string | null; testId: string }) {
  return message ? (
    <p className="form-error" role="alert" data-testid={testId}>
      {message}
    </p>
  ) : null;
}
