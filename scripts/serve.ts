import { spawn, type ChildProcess } from "node:child_process";
import { closeDatabase, getDatabase } from "@/db/connection";
import { assertBindAllowed } from "@/lib/access/bind-policy";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { errorMessage } from "@/lib/error-message";
import { installOutputRedaction } from "@/lib/security/install-output-redaction";

/**
 * `npm start` / `npm run dev`: checks the configuration, the bind policy and the store (starting the embedded
 * PostgreSQL when DATABASE_URL is unset) before anything listens, then runs the dashboard (Next on HOST:PORT) and one
 * worker process beside it, which it restarts if it crashes.
 */
installOutputRedaction();
const mode = process.argv[2] === "dev" ? "dev" : "start";
/** Restart delays for a worker that keeps crashing: quick at first, then no faster than every 30 s. */
const RESTART_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];
/** A worker that ran this long before crashing starts over from the shortest delay. */
const HEALTHY_RUN_MS = 60_000;

let stopping = false;
const children = new Set<ChildProcess>();

function superviseWorker(crashes = 0): void {
  const started = Date.now();
  const worker = spawn("npx", ["tsx", "scripts/worker.ts"], { stdio: "inherit" });
  children.add(worker);
  worker.on("exit", (code, signal) => {
    children.delete(worker);
    if (stopping) return;
    const streak = Date.now() - started > HEALTHY_RUN_MS ? 0 : crashes;
    const delay = RESTART_DELAYS_MS[Math.min(streak, RESTART_DELAYS_MS.length - 1)] ?? 30_000;
    process.stderr.write(`worker exited (${signal ?? `code ${code}`}); restarting in ${delay / 1000} s\n`);
    setTimeout(() => superviseWorker(streak + 1), delay).unref();
  });
}

async function main(): Promise<void> {
  const env = loadRuntimeEnv();
  getConfig();
  assertBindAllowed(env.HOST, env.ACCESS_TOKEN, env.ALLOWED_HOSTS);
  // The store must answer (and be migrated) before the dashboard says "Ready".
  const { location } = await getDatabase();
  await closeDatabase();
  process.stderr.write(`store: ${location}\n`);
  const web = spawn("npx", ["next", mode, "-H", env.HOST, "-p", String(env.PORT)], { stdio: "inherit" });
  children.add(web);
  superviseWorker();
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    for (const child of children) child.kill(signal);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stop(signal));
  web.on("exit", (code) => {
    // Without the dashboard there is nothing to serve: take the worker down with it.
    stop("SIGTERM");
    process.exitCode = code ?? 0;
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${errorMessage(error)}\n`);
  process.exit(1);
});
