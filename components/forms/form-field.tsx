import type { ReactNode } from "react";

/** A required field's mark after its label (the input itself carries `required` for assistive technology). */
export function RequiredMark() {
  return (
    <span className="required-mark" aria-hidden="true" title="required">
      *
    </span>
  );
}

/** A labelled input with its message underneath; `name` is the API's field name, so tests and errors agree. */
export function FormField({
  label,
  name,
  htmlFor,
  error,
  hint,
  required = false,
  children,
}: {
  label: string;
  name: string;
  htmlFor?: string;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  children: ReactNode;
}) {
  const text = (
    <>
      {label}
      {required ? <RequiredMark /> : null}
    </>
  );
  return (
    <div className={`field ${error ? "has-error" : ""}`}>
      {htmlFor ? (
        <label className="field-label" htmlFor={htmlFor}>
          {text}
        </label>
      ) : (
        <span className="field-label">{text}</span>
      )}
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
