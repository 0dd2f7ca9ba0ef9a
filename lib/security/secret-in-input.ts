import { findSecret } from "./redact-secrets";

/** Input (a job's parameters) holding the value of a secret: refused, so it is never stored, queued or shown. */
export class SecretInInputError extends Error {
  readonly code = "SECRET_IN_INPUT";
  constructor(
    readonly field: string,
    readonly secretName: string,
  ) {
    super(
      `${field || "the input"} holds the value of ${secretName}; secrets are read from the environment only and never travel ` +
        "with a job, so nothing was started: remove it from the field",
    );
    this.name = "SecretInInputError";
  }
}

const child = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path === "" ? key : `${path}.${key}`);

/** Throws SecretInInputError naming the first field of `value` (as `symbols[0]`, `a.b`) whose text holds a secret. */
export function assertNoSecrets(value: unknown, path = ""): void {
  if (typeof value === "string" || typeof value === "number") {
    const secret = findSecret(String(value));
    if (secret) throw new SecretInInputError(path, secret.name);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => assertNoSecrets(item, child(path, i)));
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      assertNoSecrets(key, child(path, key));
      assertNoSecrets(item, child(path, key));
    }
  }
}
