import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { ensureEmbeddedServer, runningEmbeddedServer, stopEmbeddedServer } from "./embedded-server";

const run = promisify(execFile);
const dataDir = mkdtempSync(path.join(tmpdir(), "pel-embedded-"));
// mkdtemp makes it private to its owner; as root the server runs as another user, which must be able to enter it.
chmodSync(dataDir, 0o755);
const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" };
const dbCli = (...args: string[]) => run("npx", ["tsx", "scripts/db-cli.ts", ...args], { env });

async function answers(url: string): Promise<number> {
  const sql = postgres(url, { max: 1 });
  try {
    const [row] = await sql<{ n: number }[]>`select 1 as n`;
    return row?.n ?? 0;
  } finally {
    await sql.end();
  }
}

/** Postmasters serving this data folder, found by their command line. */
async function postmastersOf(dir: string): Promise<number> {
  const { stdout } = await run("ps", ["-eo", "args"]);
  return stdout.split("\n").filter((line) => line.includes(`-D ${path.join(dir, "postgres")}`)).length;
}

describe("the embedded PostgreSQL server", () => {
  afterAll(async () => {
    await stopEmbeddedServer(dataDir).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("ends with one server when two processes start it at the same moment", async () => {
    const [a, b] = await Promise.all([dbCli("start", "--json"), dbCli("start", "--json")]);
    expect(JSON.parse(a.stdout)).toMatchObject({ migrations: { upToDate: true } });
    expect(JSON.parse(b.stdout)).toMatchObject({ migrations: { upToDate: true } });
    expect(await postmastersOf(dataDir)).toBe(1);
    const status = JSON.parse((await dbCli("status", "--json")).stdout) as { running: { pid: number; port: number } };
    const server = await runningEmbeddedServer(dataDir);
    expect(status.running).toEqual({ pid: server?.pid, port: server?.port });
  });

  it("stays usable when a process using it is killed with SIGKILL", async () => {
    // Node itself, not an npx/tsx wrapper, so the SIGKILL reaches the process that holds the connections.
    const holder = spawn(process.execPath, ["--import", "tsx", "-e", `import("./db/connection.ts").then(async (m) => { await m.getDatabase(); console.log("open"); setInterval(() => {}, 1000); })`], { env, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("open") && resolve());
      holder.once("exit", (code) => reject(new Error(`the process holding the store exited early (code ${code})`)));
    });
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    const server = await ensureEmbeddedServer(dataDir);
    expect(await answers(server.url)).toBe(1);
  });

  it("starts again cleanly after its own server process was killed with SIGKILL", async () => {
    const before = await ensureEmbeddedServer(dataDir);
    process.kill(before.pid, "SIGKILL");
    await new Promise((r) => setTimeout(r, 300));
    const after = await ensureEmbeddedServer(dataDir);
    expect(after.pid).not.toBe(before.pid);
    expect(await answers(after.url)).toBe(1);
  });

  it("is stopped by `npm run db -- stop` and started again by the next process that needs it", async () => {
    expect(JSON.parse((await dbCli("stop", "--json")).stdout)).toEqual({ stopped: true });
    expect(await runningEmbeddedServer(dataDir)).toBeUndefined();
    const status = JSON.parse((await dbCli("start", "--json")).stdout) as { migrations: { upToDate: boolean } };
    expect(status.migrations.upToDate).toBe(true);
  });
});

describe("a store that cannot be reached", () => {
  const unreachable = { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/perp_edge" };
  for (const [what, script, args] of [
    ["a CLI", "scripts/data-cli.ts", ["status"]],
    ["the dashboard (before anything listens)", "scripts/serve.ts", ["start"]],
    ["a worker", "scripts/worker.ts", []],
  ] as const) {
    it(`stops ${what} with one line naming host, port and cause, and a non-zero exit`, async () => {
      const failed = await run("npx", ["tsx", script, ...args], { env: unreachable, timeout: 60_000 }).then(
        (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stderr.trim()).toBe("error: cannot reach PostgreSQL at 127.0.0.1:1: connection refused");
      expect(failed.stdout, "nothing claims to be ready").not.toMatch(/ready/i);
    });
  }
});
