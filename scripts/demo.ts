import { getDatabase } from "@/db/connection";
import { startWorker } from "@/lib/jobs/worker-runtime";
import { getConfig } from "@/lib/config";
import { runPipeline } from "@/lib/jobs/run-pipeline";
import { runCli } from "./cli/run-cli";
import { terminalProgress } from "./cli/terminal-progress";

/**
 * The main job on a fresh machine: the full research pipeline on the embedded store, with no internet — the
 * synthetic market stands in for exchange data the first time.
 */
runCli(async () => {
  const config = getConfig();
  const store = await getDatabase();
  const { db, driver, location } = store;
  // This process works its own run's tasks; a running `npm start` or `npm run worker` takes a share of them too.
  const stopSweep = await startWorker(store, { jobs: 0 });
  process.stderr.write(`Perp Edge Lab demo — store: ${driver} (${location})\n`);
  const reports = await runPipeline(db, config, { mode: "full", quick: false, noFetch: true, learn: true }, {
    say: (line) => void process.stderr.write(`${line}\n`),
    queueUrl: store.url,
    progress: (phase) => {
      const bar = terminalProgress({ quiet: false });
      return async (done, total, step) => {
        await bar.update(done, total, step ? `${phase}: ${step}` : phase);
        if (done >= total) bar.stop();
      };
    },
  });
  stopSweep();
  const total = reports.reduce((ms, r) => ms + r.durationMs, 0);
  process.stdout.write(
    [
      "",
      `Done in ${(total / 1000).toFixed(1)} s. Results are in results/ and in the store.`,
      "Open the dashboard: npm run build && npm start, then http://127.0.0.1:3000",
      ...(driver === "embedded" ? ["The embedded PostgreSQL keeps running in the background for the next command; npm run db -- stop stops it."] : []),
      "",
    ].join("\n"),
  );
});
