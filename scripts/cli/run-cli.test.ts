import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/**
 * pg-boss's stop leaves a loop that re-arms a 1 s timer until every queue worker reports stopped; a worker whose
 * fetch was queued for a pool connection when the pool closed never does, and the demo hung after "Done". The
 * stand-in here is a timer that re-arms forever, started by main as a library would.
 */
const MAIN = `
import { runCli } from "./scripts/cli/run-cli";
runCli(async () => {
  const rearm = () => setTimeout(rearm, 1000);
  rearm();
  console.log("main finished");
});`;

describe("runCli", () => {
  it("ends the process once main and the shutdown are done, whatever a library left running", () => {
    const run = spawnSync("npx", ["tsx", "-e", MAIN], { cwd: process.cwd(), encoding: "utf8", timeout: 30_000 });
    expect(run.signal, "the CLI was still running after 30 s").toBeNull();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("main finished");
  });
});
