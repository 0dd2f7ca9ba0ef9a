import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { lockEmbeddedStore, StoreInUseError } from "./embedded-lock";

describe("embedded store lock", () => {
  it("refuses a folder held by a live process, naming it, and frees it on close", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pel-lock-"));
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      writeFileSync(path.join(dir, "perp-edge.lock"), String(other.pid));
      await expect(openDatabase({ driver: "pglite", dataDir: dir })).rejects.toThrow(StoreInUseError);
      await expect(openDatabase({ driver: "pglite", dataDir: dir })).rejects.toThrow(new RegExp(`in use by process ${other.pid}`));
    } finally {
      other.kill();
    }
    await new Promise((r) => other.once("exit", r));
    const handle = await openDatabase({ driver: "pglite", dataDir: dir });
    expect(() => lockEmbeddedStore(dir), "this process holds it now: a second claim by the same pid is allowed").not.toThrow();
    await handle.close();
  });
});
