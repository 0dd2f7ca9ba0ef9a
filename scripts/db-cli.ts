import { parseArgs } from "node:util";
import { openDatabase, redactUrl } from "@/db/client";
import { embeddedStoreFiles, ensureEmbeddedServer, runningEmbeddedServer, stopEmbeddedServer } from "@/db/embedded/embedded-server";
import { migrationStatus } from "@/db/queries/health";
import { loadRuntimeEnv } from "@/lib/config";
import { printResult as print } from "./cli/print-result";
import { runCli } from "./cli/run-cli";

const USAGE = `usage: npm run db -- <command> [--json]

commands:
  status    where the store is, whether its server runs (pid, port), and its migrations
  start     start the embedded PostgreSQL in DATA_DIR (every command starts it when needed anyway)
  stop      stop the embedded PostgreSQL (open connections are closed; the data stays in DATA_DIR)
  migrate   apply the committed migrations (every process does this at start anyway)`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });

/** The store's migration state; `apply` migrates first (start, migrate), status only looks. */
async function migrations(url: string, apply: boolean) {
  const handle = await openDatabase({ url, migrate: apply });
  try {
    return await migrationStatus(handle.db);
  } finally {
    await handle.close();
  }
}

runCli(async () => {
  const env = loadRuntimeEnv();
  const command = positionals[0] ?? "status";
  if (values.help || !["status", "start", "stop", "migrate"].includes(command)) {
    process.stdout.write(`${USAGE}\n`);
    if (!values.help) process.exitCode = 2;
    return;
  }
  if (env.DATABASE_URL && (command === "start" || command === "stop")) {
    throw new Error(`DATABASE_URL is set (${redactUrl(env.DATABASE_URL)}): that server is yours to ${command}; the embedded one is used only without it`);
  }
  if (command === "stop") {
    const stopped = await stopEmbeddedServer(env.DATA_DIR);
    print(values.json, { stopped }, () => (stopped ? `stopped the embedded PostgreSQL in ${embeddedStoreFiles(env.DATA_DIR).cluster}` : "the embedded PostgreSQL was not running"));
    return;
  }
  if (command === "start" || command === "migrate") {
    const url = env.DATABASE_URL ?? (await ensureEmbeddedServer(env.DATA_DIR)).url;
    const status = await migrations(url, true);
    print(values.json, { migrations: status }, () => `migrations applied: ${status.applied} of ${status.expected}`);
    return;
  }
  if (env.DATABASE_URL) {
    const status = await migrations(env.DATABASE_URL, false);
    print(values.json, { driver: "server", url: redactUrl(env.DATABASE_URL), migrations: status }, () => `PostgreSQL server ${redactUrl(env.DATABASE_URL ?? "")}\nmigrations applied: ${status.applied} of ${status.expected}`);
    return;
  }
  const files = embeddedStoreFiles(env.DATA_DIR);
  const server = await runningEmbeddedServer(env.DATA_DIR);
  const status = server ? await migrations(server.url, false) : undefined;
  print(values.json, { driver: "embedded", cluster: files.cluster, initialised: files.initialised, running: server ? { pid: server.pid, port: server.port } : null, log: files.log, migrations: status ?? null }, () =>
    [
      `embedded PostgreSQL in ${files.cluster}${files.initialised ? "" : " (not created yet: the first command that needs it creates it)"}`,
      server ? `running: pid ${server.pid}, 127.0.0.1:${server.port}` : "not running (the next command that needs it starts it)",
      `log: ${files.log}`,
      ...(status ? [`migrations applied: ${status.applied} of ${status.expected}`] : []),
    ].join("\n"),
  );
});
