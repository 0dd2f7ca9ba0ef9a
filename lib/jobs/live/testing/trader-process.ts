import { closeDatabase, getDatabase } from "@/db/connection";
import { runLiveJob } from "../live-job";
import { fakeClockExtras, sessionJobContext } from "./live-session";

/**
 * A trader in a process of its own, for the tests that kill one: `tsx trader-process.ts <accountId> <emulatorUrl>
 * <startMs>`, on DATABASE_URL, with the keys in its environment. It runs the live job on a fake clock that starts at
 * `startMs` and, at every pause, tells the emulator where it is (the emulator's market and switch follow it).
 */
const [accountId = "", emulatorUrl = "", startMs = ""] = process.argv.slice(2);
const clock = { t: Number(startMs) };
const abort = new AbortController();
process.on("SIGTERM", () => abort.abort());

const { db } = await getDatabase();
const ctx = await sessionJobContext(db, accountId, abort.signal);
process.stdout.write(`job ${ctx.jobId}\n`);
await runLiveJob(
  db,
  { accountId },
  ctx,
  fakeClockExtras(emulatorUrl, clock, async () => {
    await fetch(`${emulatorUrl}/__emulator/clock?t=${clock.t}`, { method: "POST" });
    // A breath of real time per fake step, so a test can kill the process between steps.
    await new Promise((resolve) => setTimeout(resolve, 20));
  }),
).catch((error: unknown) => {
  if (!(error instanceof Error && error.name === "JobCancelledError")) throw error;
});
await closeDatabase();
