import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export class StoreInUseError extends Error {
  readonly code = "STORE_IN_USE";
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded store in ${dataDir} is in use by process ${pid} (the dashboard or another command). PGlite allows one process ` +
        "at a time: stop that process first, or set DATABASE_URL to a PostgreSQL server to run several at once.",
    );
    this.name = "StoreInUseError";
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims the PGlite folder for this process. Two processes opening the same folder would each cache pages and
 * overwrite the other's writes, so a second opener gets a clear error instead. A lock left by a dead process is taken.
 */
export function lockEmbeddedStore(dataDir: string): () => void {
  const file = path.join(dataDir, "perp-edge.lock");
  try {
    const holder = Number(readFileSync(file, "utf8").trim());
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) throw new StoreInUseError(path.resolve(dataDir), holder);
  } catch (error) {
    if (error instanceof StoreInUseError) throw error;
  }
  writeFileSync(file, String(process.pid));
  const release = () => rmSync(file, { force: true });
  process.once("exit", release);
  return () => {
    process.off("exit", release);
    release();
  };
}
