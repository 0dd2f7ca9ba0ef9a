import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** The pure domain layers: no framework, no database, no exchange client. Data flows store → lib → UI, never back. */
const PURE_LAYERS = ["market", "signals", "backtest", "analysis"];
const FORBIDDEN = [/^next(\/|$)/, /^react(\/|$)/, /^react-dom/, /^@\/db(\/|$)/, /^\.\.\/\.\.\/db/, /^ccxt$/, /^@electric-sql/, /^postgres$/, /^drizzle-orm/, /^@\/app/, /^@\/components/, /^@\/lib\/(jobs|exchange|paper)/];

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("layering", () => {
  for (const layer of PURE_LAYERS) {
    it(`lib/${layer} imports no framework, database or exchange code`, () => {
      const dir = path.join(import.meta.dirname, layer);
      const offenders: string[] = [];
      for (const file of sourceFiles(dir)) {
        for (const m of readFileSync(file, "utf8").matchAll(/(?:import|export)[^"']*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
          const spec = m[1] ?? m[2] ?? "";
          if (FORBIDDEN.some((re) => re.test(spec))) offenders.push(`${path.relative(dir, file)} imports ${spec}`);
        }
      }
      expect(offenders, "pure layers stay pure").toEqual([]);
    });
  }
});
