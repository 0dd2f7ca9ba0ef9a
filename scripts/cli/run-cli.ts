import { z } from "zod";
import { closeDatabase } from "@/db/connection";

/** Runs a CLI's main: a failure prints its message (not a stack trace) and exits 1; the store is always closed. */
export function runCli(main: () => Promise<void>): void {
  main()
    .then(async () => {
      await closeDatabase();
    })
    .catch(async (error: unknown) => {
      const message = error instanceof z.ZodError ? `invalid input:\n${z.prettifyError(error)}` : error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      await closeDatabase().catch(() => undefined);
      process.exitCode = 1;
    });
}
