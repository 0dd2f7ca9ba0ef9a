import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import nextConfig from "../next.config.js";
import { MAX_FORM_BODY_BYTES, MAX_IMPORT_BODY_BYTES, MAX_REQUEST_BODY_BYTES } from "./body-limits.js";
import { formatBytes } from "./format";

const ROOT = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

describe("one limit for a request body", () => {
  it("next.config.js lets the proxy buffer the largest body a route accepts, from the same constant", () => {
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(MAX_REQUEST_BODY_BYTES + 1);
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThanOrEqual(MAX_IMPORT_BODY_BYTES);
    expect(MAX_REQUEST_BODY_BYTES).toBeGreaterThanOrEqual(MAX_FORM_BODY_BYTES);
  });

  it("spells sizes in KB under a megabyte and MB from there", () => {
    expect(formatBytes(64 * 1024)).toBe("64 KB");
    expect(formatBytes(4 * 1024)).toBe("4 KB");
    expect(formatBytes(20 * 1024 * 1024)).toBe("20 MB");
    expect(formatBytes(12.5 * 1024 * 1024)).toBe("12.5 MB");
    expect(formatBytes(512)).toBe("512 bytes");
  });
});

describe("shared input schemas", () => {
  it("the instrument pattern is written once (lib/market/instruments.ts), not copied into routes and jobs", () => {
    const copies = ["lib", "app", "components", "scripts"]
      .flatMap((dir) => sources(path.join(ROOT, dir)))
      .filter((file) => !file.endsWith(path.join("lib", "market", "instruments.ts")))
      .filter((file) => /USDT\\\.P\$\//.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(ROOT, file));
    expect(copies).toEqual([]);
  });
});
