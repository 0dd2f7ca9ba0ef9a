import { z } from "zod";
import { closeDatabase } from "@/db/connection";
import { errorMessage } from "@/lib/error-message";
import { stopJobQueue } from "@/lib/jobs/job-queue";
import { installOutputRedaction } from "@/lib/security/install-output-redaction";

async function shutDown(): Promise<void> {
  await stopJobQueue();
  await closeDatabase();
}

/**
 * Runs a CLI's main (every script but serve.ts and bench.ts, which install the redaction themselves): its output
 * passes redactSecrets, a failure prints its message (not a stack trace) and exits 1, the queue and store are closed.
 */
export function runCli(main: () => Promise<void>): void {
  installOutputRedaction();
  main()
    .then(shutDown)
    .catch(async (error: unknown) => {
      const message = error instanceof z.ZodError ? `invalid input:\n${z.prettifyError(error)}` : errorMessage(error);
      process.stderr.write(`error: ${message}\n`);
      if (process.env.DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
      await shutDown().catch(() => undefined);
      process.exitCode = 1;
    })
    // The queue and the store are closed: anything still scheduled is a library's leftover (pg-boss's stop re-arms a
    // 1 s timer until every queue worker says stopped, and one whose fetch waited on the closed pool never does).
    // Output is written synchronously on Linux (files, pipes, terminals), so exiting loses nothing.
    .finally(() => process.exit());
}
