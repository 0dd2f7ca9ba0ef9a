import { openSync, readFileSync, rmSync, writeSync, closeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** Whether a process exists (EPERM: it does, owned by another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function holderOf(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `body` while holding an exclusive lock file, so that two processes starting the embedded server at the same
 * moment do it one after the other (the second then finds the first one's server). The file holds the owner's pid; a
 * lock left by a process that died (even by `kill -9`) is taken over.
 */
export async function withProcessLock<T>(file: string, body: () => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  let emptySince: number | undefined;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = holderOf(file);
      // A holder that is gone, or a file still empty long after its writer opened it (it died in between).
      const stale = holder === undefined ? Date.now() - (emptySince ??= Date.now()) > 2_000 : !isAlive(holder);
      if (stale) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${file}, held by process ${holder ?? "unknown"}`);
      await sleep(50);
    }
  }
  try {
    return await body();
  } finally {
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  }
}
