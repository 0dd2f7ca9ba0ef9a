/** What an abort does to a pending `abortableSleep`: rejects it (a retry loop stops), or resolves it early (a poll loop checks the signal itself). */
export type OnAbort = "reject" | "resolve";

/** The rejection of an aborted sleep, shaped as node's timers/promises shapes it (which the callers used before). */
export class AbortError extends Error {
  readonly code = "ABORT_ERR";
  constructor(cause: unknown) {
    super("The operation was aborted", { cause });
    this.name = "AbortError";
  }
}

/** Waits `ms`; an abort of `signal`, before or during the wait, ends it at once as `onAbort` says. */
export function abortableSleep(ms: number, signal?: AbortSignal, onAbort: OnAbort = "reject"): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const end = () => (onAbort === "reject" ? reject(new AbortError(signal?.reason)) : resolve());
    if (signal?.aborted) {
      end();
      return;
    }
    const aborted = () => {
      clearTimeout(timer);
      end();
    };
    // The listener goes when the timer fires: a long pause polls many times on one signal.
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", aborted);
      resolve();
    }, ms);
    signal?.addEventListener("abort", aborted, { once: true });
  });
}
