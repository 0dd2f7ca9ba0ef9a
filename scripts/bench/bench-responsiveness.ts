import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, chmodSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { SECTIONS } from "@/components/layout/section-links";
import { stopEmbeddedServer } from "@/db/embedded/embedded-server";
import { freePort } from "@/db/embedded/free-port";

export interface ResponsivenessBenchResult {
  pipeline: { ms: number; phases: { phase: string; durationMs: number }[] };
  health: LatencySummary;
  startJob: LatencySummary;
  /** Every dashboard page, server-rendered while the pipeline works both cores; the budget is PAGE_BUDGET_MS. */
  pages: LatencySummary & { slowest: string; withinBudget: boolean };
}

/** A page must be usable within this while the pipeline runs (the e2e runtime test checks they render meanwhile). */
export const PAGE_BUDGET_MS = 2_000;

interface LatencySummary {
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** Requests sent while the pipeline runs, bounded in count (and by the pipeline's end): loopback only. */
const MAX_HEALTH_REQUESTS = 600;
const MAX_JOB_REQUESTS = 60;
const HEALTH_EVERY_MS = 100;
const JOB_EVERY_MS = 1_000;

/**
 * The job started while the pipeline runs: a tiny import for an instrument the pipeline does not research, so it
 * changes neither the pipeline's data nor the results files in the working directory.
 */
const PROBE_JOB = JSON.stringify({
  kind: "import",
  params: { fileName: "probe.csv", symbol: "PROBEUSDT.P", kind: "candles", timeframe: "1m", text: "timestamp,open,high,low,close,volume\n1767225600000,1,1,1,1,1\n1767225660000,1,1,1,1,1\n" },
});

function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { requests: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? Number.NaN };
}

async function timed(request: () => Promise<Response>): Promise<{ ms: number; response: Response }> {
  const t = performance.now();
  const response = await request();
  await response.arrayBuffer();
  return { ms: performance.now() - t, response };
}

async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the dashboard exited (code ${server.exitCode}) before answering`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await sleep(250);
  }
  throw new Error("the dashboard did not answer /api/health within 2 minutes");
}

/**
 * The dashboard as `npm start` runs it (web server + one worker) on a fresh embedded store: the full demo pipeline
 * from one POST, and, while it runs, the latency of GET /api/health and of POST /api/jobs.
 * Needs a production build (`npm run build`).
 */
export async function benchResponsiveness(log: (line: string) => void): Promise<ResponsivenessBenchResult> {
  if (!existsSync(path.join(".next", "BUILD_ID"))) throw new Error("the responsiveness bench needs a production build: run npm run build first");
  const dataDir = mkdtempSync(path.join(tmpdir(), "pel-bench-"));
  // As root the embedded server runs as another OS user, which must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(port), NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  try {
    await waitForHealth(base, server);
    const started = await fetch(`${base}/api/jobs`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: JSON.stringify({ kind: "pipeline", params: { mode: "full", noFetch: true } }) });
    if (started.status !== 202) throw new Error(`starting the pipeline answered ${started.status}: ${await started.text()}`);
    const { job } = (await started.json()) as { job: { id: string } };
    const t0 = performance.now();
    const health: number[] = [];
    const jobs: number[] = [];
    const pages: { href: string; ms: number }[] = [];
    const ended = async () => {
      const state = (await (await fetch(`${base}/api/jobs/${job.id}`)).json()) as { job: { status: string; result: unknown } };
      return state.job.status === "queued" || state.job.status === "running" ? undefined : state.job;
    };
    let finished: { status: string; result: unknown } | undefined;
    let lastJobPost = 0;
    while (!finished && health.length < MAX_HEALTH_REQUESTS) {
      health.push((await timed(() => fetch(`${base}/api/health`))).ms);
      const section = SECTIONS[health.length % SECTIONS.length]!;
      pages.push({ href: section.href, ms: (await timed(() => fetch(`${base}${section.href}`))).ms });
      if (performance.now() - lastJobPost >= JOB_EVERY_MS && jobs.length < MAX_JOB_REQUESTS) {
        lastJobPost = performance.now();
        jobs.push((await timed(() => fetch(`${base}/api/jobs`, { method: "POST", headers: { "content-type": "application/json", origin: base }, body: PROBE_JOB }))).ms);
      }
      finished = await ended();
      await sleep(HEALTH_EVERY_MS);
    }
    while (!finished) {
      await sleep(500);
      finished = await ended();
    }
    const ms = performance.now() - t0;
    if (finished.status !== "succeeded") throw new Error(`the pipeline ${finished.status}`);
    const phases = (finished.result as { phase: string; durationMs: number }[]).map((p) => ({ phase: p.phase, durationMs: p.durationMs }));
    const slowest = pages.reduce((a, b) => (b.ms > a.ms ? b : a), { href: "—", ms: 0 });
    const pageSummary = { ...summarise(pages.map((l) => l.ms)), slowest: slowest.href, withinBudget: slowest.ms < PAGE_BUDGET_MS };
    const result = { pipeline: { ms, phases }, health: summarise(health), startJob: summarise(jobs), pages: pageSummary };
    log(`full pipeline from the dashboard (fresh embedded store, synthetic 6 months): ${(ms / 1000).toFixed(1)} s — ${phases.map((p) => `${p.phase} ${(p.durationMs / 1000).toFixed(1)} s`).join(", ")}`);
    log(`meanwhile GET /api/health: ${result.health.requests} requests, p50 ${result.health.p50Ms.toFixed(0)} ms, p99 ${result.health.p99Ms.toFixed(0)} ms, max ${result.health.maxMs.toFixed(0)} ms`);
    log(`meanwhile POST /api/jobs: ${result.startJob.requests} requests, p50 ${result.startJob.p50Ms.toFixed(0)} ms, p99 ${result.startJob.p99Ms.toFixed(0)} ms, max ${result.startJob.maxMs.toFixed(0)} ms`);
    log(`meanwhile pages (server render, all ${SECTIONS.length} in turn): ${pageSummary.requests} loads, p50 ${pageSummary.p50Ms.toFixed(0)} ms, p99 ${pageSummary.p99Ms.toFixed(0)} ms, max ${pageSummary.maxMs.toFixed(0)} ms (${pageSummary.slowest}), budget ${PAGE_BUDGET_MS} ms: ${pageSummary.withinBudget ? "within" : "OVER"}`);
    return result;
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once("exit", r)));
    await stopEmbeddedServer(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
