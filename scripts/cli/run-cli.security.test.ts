import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

/** A CLI's output (stdout, stderr, its failure line) passes the redaction that runCli installs. */
const KEY = "pk-planted-7Hq2Lm9Xw3Rt6Yb1Nc8Vd5Zs4Fg0";

const MAIN = `
import { runCli } from "./scripts/cli/run-cli";
runCli(async () => {
  const key = process.env.KRAKEN_FUTURES_API_KEY;
  console.log("stdout", key);
  process.stderr.write(Buffer.from("stderr " + key + "\\n"));
  throw new Error("failed with " + key);
});`;

describe("runCli", () => {
  it("redacts everything the CLI process prints", () => {
    const run = spawnSync("npx", ["tsx", "-e", MAIN], { cwd: process.cwd(), env: { ...process.env, KRAKEN_FUTURES_API_KEY: KEY, KRAKEN_FUTURES_API_SECRET: "" }, encoding: "utf8", timeout: 60_000 });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("stdout [redacted KRAKEN_FUTURES_API_KEY]");
    expect(run.stderr).toContain("stderr [redacted KRAKEN_FUTURES_API_KEY]");
    expect(run.stderr).toContain("error: failed with [redacted KRAKEN_FUTURES_API_KEY]");
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });
});
