import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import postgres from "postgres";
import { registerSecret } from "../../lib/security/secret-values";
import { postgresBinaries, type PostgresBinaries } from "./postgres-binaries";
import { freePort } from "./free-port";
import { isAlive, withProcessLock } from "./process-lock";

const execFileAsync = promisify(execFile);

/** The project's own database on the embedded server. */
export const EMBEDDED_DATABASE = "perp_edge";
const SUPERUSER = "postgres";

export interface EmbeddedServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly pid: number;
  /** The folder holding the cluster, its log, its credentials and the lock (DATA_DIR, `.data/` by default). */
  readonly dataDir: string;
}

interface Layout {
  root: string;
  cluster: string;
  log: string;
  credentials: string;
  lock: string;
}

function layout(dataDir: string): Layout {
  const root = path.resolve(dataDir);
  return {
    root,
    cluster: path.join(root, "postgres"),
    // Inside the cluster folder: pg_ctl writes it as the server's user.
    log: path.join(root, "postgres", "server.log"),
    credentials: path.join(root, "embedded-postgres.json"),
    lock: path.join(root, "embedded-postgres.lock"),
  };
}

/** What `.data/embedded-postgres.json` records: the password made at initialisation and the port of the last start. */
interface Credentials {
  password: string;
  port?: number;
}

/** Every process that reads the password learns it as a secret, so its output and the rows it writes never show it. */
function readCredentials(file: string): Credentials | undefined {
  let credentials: Credentials;
  try {
    credentials = JSON.parse(readFileSync(file, "utf8")) as Credentials;
  } catch {
    return undefined;
  }
  registerSecret("embedded store password", credentials.password);
  return credentials;
}

function urlFor(password: string, port: number): string {
  return `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
}

/** PostgreSQL refuses to run as root; as root the server runs as the `postgres` OS user (created when missing). */
interface ServerOwner {
  uid: number;
  gid: number;
}

async function serverOwner(): Promise<ServerOwner | undefined> {
  if (userInfo().uid !== 0) return undefined;
  const lookup = async () => ({ uid: Number((await execFileAsync("id", ["-u", SUPERUSER])).stdout.trim()), gid: Number((await execFileAsync("id", ["-g", SUPERUSER])).stdout.trim()) });
  try {
    return await lookup();
  } catch {
    await execFileAsync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", SUPERUSER]);
    return lookup();
  }
}

/** Every folder above the cluster must let the server's user pass, or it cannot reach its own data. */
function assertTraversable(dir: string, owner: ServerOwner): void {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const s = statSync(current);
    const may = s.uid === owner.uid ? s.mode & 0o100 : s.gid === owner.gid ? s.mode & 0o010 : s.mode & 0o001;
    if (!may) {
      throw new Error(
        `The embedded PostgreSQL runs as the OS user "${SUPERUSER}" (PostgreSQL refuses root), which cannot enter ${current}: ` +
          `allow it (chmod o+x ${current}), set DATA_DIR to a folder it can reach, or set DATABASE_URL to a server of your own`,
      );
    }
    if (current === path.dirname(current)) return;
  }
}

function run(command: string, args: readonly string[], owner: ServerOwner | undefined, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // Detached: the server pg_ctl leaves behind must not get the terminal's Ctrl-C meant for the process that started it.
    const child = spawn(command, args, { cwd, uid: owner?.uid, gid: owner?.gid, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args[0] ?? ""} failed (exit ${code}): ${output.trim().slice(-2000)}`))));
  });
}

/** Server settings: loopback only, no Unix socket, room for several processes' pools, and bulk loads without checkpoint storms. */
const SERVER_SETTINGS = `
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
max_connections = 200
max_wal_size = 4GB
# A local research store: an OS crash may lose the last moments of commits, never their consistency.
synchronous_commit = off
`;

/** initdb into a scratch folder renamed into place when complete, so a process killed mid-way leaves no half cluster. */
async function initCluster(bins: PostgresBinaries, files: Layout, owner: ServerOwner | undefined): Promise<void> {
  const scratch = `${files.cluster}.init-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  // Without PG_VERSION the folder is what an interrupted start left, never data.
  rmSync(files.cluster, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true, mode: 0o700 });
  const password = randomBytes(18).toString("base64url");
  const pwfile = path.join(tmpdir(), `perp-edge-pw-${randomBytes(6).toString("hex")}`);
  writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
  try {
    if (owner) {
      chownSync(scratch, owner.uid, owner.gid);
      chownSync(pwfile, owner.uid, owner.gid);
    }
    await run(bins.initdb, [`--pgdata=${scratch}`, `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"], owner, files.root);
  } finally {
    rmSync(pwfile, { force: true });
  }
  appendFileSync(path.join(scratch, "postgresql.conf"), SERVER_SETTINGS);
  writeFileSync(files.credentials, JSON.stringify({ password }), { mode: 0o600 });
  renameSync(scratch, files.cluster);
}

/** The postmaster's own lock file: pid on line 1, port on line 4, status on line 8. */
function postmaster(files: Layout): { pid: number; port: number } | undefined {
  try {
    const lines = readFileSync(path.join(files.cluster, "postmaster.pid"), "utf8").split("\n");
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return Number.isInteger(pid) && Number.isInteger(port) && isAlive(pid) ? { pid, port } : undefined;
  } catch {
    return undefined;
  }
}

async function answers(url: string): Promise<boolean> {
  const client = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await client`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** The embedded server of this data folder if one is running and answering, else undefined. */
export async function runningEmbeddedServer(dataDir: string): Promise<EmbeddedServer | undefined> {
  const files = layout(dataDir);
  const credentials = readCredentials(files.credentials);
  const server = postmaster(files);
  if (!credentials || !server) return undefined;
  const url = urlFor(credentials.password, server.port);
  // A postmaster just started by another process may need a moment before it accepts connections.
  for (let attempt = 0; attempt < 20; attempt++) {
    if (await answers(url)) return { url, host: "127.0.0.1", port: server.port, pid: server.pid, dataDir: files.root };
    if (!postmaster(files)) return undefined;
    await sleep(250);
  }
  return undefined;
}

async function createProjectDatabase(password: string, port: number): Promise<void> {
  const admin = postgres(`postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin`select 1 as present from pg_database where datname = ${EMBEDDED_DATABASE}`;
    if (!row) await admin.unsafe(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await admin.end();
  }
}

/**
 * The embedded PostgreSQL of `dataDir`, started if it is not running. The first process that needs it initialises
 * and starts it on a free loopback port; every later process (the dashboard, workers, CLIs, tests) reuses it. The
 * server outlives the process that started it, so a `kill -9` of any of them leaves the store usable; a server that
 * died itself is started again. A start lock makes two processes starting at once end with one server.
 */
export async function ensureEmbeddedServer(dataDir: string): Promise<EmbeddedServer> {
  const files = layout(dataDir);
  const running = await runningEmbeddedServer(dataDir);
  if (running) return running;
  mkdirSync(files.root, { recursive: true });
  return withProcessLock(files.lock, async () => {
    const already = await runningEmbeddedServer(dataDir);
    if (already) return already;
    const bins = await postgresBinaries();
    const owner = await serverOwner();
    if (owner) assertTraversable(files.cluster, owner);
    if (!existsSync(path.join(files.cluster, "PG_VERSION"))) await initCluster(bins, files, owner);
    const credentials = readCredentials(files.credentials);
    if (!credentials) throw new Error(`${files.credentials} is missing or unreadable, so the embedded store in ${files.cluster} cannot be logged into`);
    const port = await freePort();
    // pg_ctl removes a postmaster.pid left by a server that was killed, and waits (-w) until the server accepts connections.
    await run(bins.pgCtl, ["start", "-D", files.cluster, "-l", files.log, "-w", "-t", "60", "-o", `-p ${port}`], owner, files.root);
    await createProjectDatabase(credentials.password, port);
    writeFileSync(files.credentials, JSON.stringify({ ...credentials, port }), { mode: 0o600 });
    const started = await runningEmbeddedServer(dataDir);
    if (!started) throw new Error(`the embedded PostgreSQL in ${files.cluster} started but does not answer: see ${files.log}`);
    return started;
  });
}

/** Stops the embedded server of `dataDir` (fast shutdown: open connections are closed); false when none was running. */
export async function stopEmbeddedServer(dataDir: string): Promise<boolean> {
  const files = layout(dataDir);
  if (!postmaster(files)) return false;
  const bins = await postgresBinaries();
  await run(bins.pgCtl, ["stop", "-D", files.cluster, "-m", "fast", "-w", "-t", "60"], await serverOwner(), files.root);
  return true;
}

/** Where an embedded store keeps its files, for status output. */
export function embeddedStoreFiles(dataDir: string): { cluster: string; log: string; initialised: boolean } {
  const files = layout(dataDir);
  return { cluster: files.cluster, log: files.log, initialised: existsSync(path.join(files.cluster, "PG_VERSION")) };
}
