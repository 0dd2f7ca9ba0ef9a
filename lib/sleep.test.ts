import { describe, expect, it } from "vitest";
import { AbortError, abortableSleep } from "./sleep";

describe("abortableSleep", () => {
  it("resolves after the wait when nothing aborts", async () => {
    const started = performance.now();
    await expect(abortableSleep(20, new AbortController().signal)).resolves.toBeUndefined();
    expect(performance.now() - started, "the timer ran its course").toBeGreaterThanOrEqual(15);
  });

  it("rejects at once on an abort during the wait, keeping the reason as the cause", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort(new Error("stopped"));
    const error = await sleeping.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(error).toMatchObject({ name: "AbortError", code: "ABORT_ERR", message: "The operation was aborted", cause: new Error("stopped") });
    expect(performance.now() - started, "it did not wait for the timer").toBeLessThan(1_000);
  });

  it("resolves at once on an abort when told to", async () => {
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = abortableSleep(10_000, controller.signal, "resolve");
    controller.abort();
    await expect(sleeping).resolves.toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("ends at once when the signal has already aborted", async () => {
    const signal = AbortSignal.abort();
    await expect(abortableSleep(10_000, signal)).rejects.toBeInstanceOf(AbortError);
    await expect(abortableSleep(10_000, signal, "resolve")).resolves.toBeUndefined();
  });
});
