import { createInterface } from "node:readline/promises";
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import { armLiveAccount } from "@/db/queries/live-accounts";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { createExchange } from "@/lib/exchange/create-exchange";
import { readAccountBalance } from "@/lib/exchange/read-account-balance";
import { formatNumber, formatUtc } from "@/lib/format";
import { changePaperStatus } from "@/lib/jobs/paper/change-paper-status";
import { requestLiveMode } from "@/lib/jobs/live/request-live-mode";
import { createLiveAccount, createLiveInputSchema } from "@/lib/jobs/live/create-live-account";
import { LiveAccountError } from "@/lib/jobs/live/errors";
import { isLiveAccountDriven, launchLiveJob, requireLiveAccount } from "@/lib/jobs/live/launch-live-job";
import { LIVE_JOB_KIND, runLiveJob } from "@/lib/jobs/live/live-job";
import { listLiveAccountSummaries, liveMonitor } from "@/lib/jobs/live/live-monitor";
import type { JobStore } from "@/lib/jobs/run-job";
import type { AccountMode } from "@/lib/trading/account-mode";
import { liveLimitsSchema } from "@/lib/trading/live-settings";
import { parseList } from "./cli/parse-list";
import { CliOptionError, option, parseOptions } from "./cli/parse-options";
import { printResult as print } from "./cli/print-result";
import { runCli } from "./cli/run-cli";
import { runJobHere } from "./cli/run-job-here";

const USAGE = `usage: npm run live -- <command> [options]

Live trading on Kraken Futures. Keys come from KRAKEN_FUTURES_API_KEY / KRAKEN_FUTURES_API_SECRET in the environment
of the process that trades (a worker, or this CLI with --foreground); they are never stored or shown.

commands:
  create --hypotheses id1,id2 [--symbols A,B] [--name NAME] [--equity N] [--production]
         [--max-order-notional USD] [--max-account-notional USD] [--max-orders-per-minute N]
                          a disarmed account on Kraken's demo environment (--production: real funds)
  arm --account ID [--by NAME] [--yes]
                          shows instruments, hypotheses, limits and the exchange balance, then arms the account
                          once you type "arm" (--yes skips the question); nothing is sent before this
  start --account ID [--foreground]
                          queue the trader for a worker (npm start or npm run worker runs it); --foreground runs it
                          here (Ctrl-C stops it cleanly and leaves its stops on the exchange)
  stop --account ID       stop the trader (it disarms the dead man's switch: its stops stay on the exchange)
  status [--account ID]   mode, exchange positions beside the ledger's, open orders, last events
  reduce --account ID     only orders that shrink a position from now on
  halt --account ID [--yes]
                          the kill switch: cancel every order, close every position at market
  resume --account ID     back to active (after reduce or halt)
options:
  --reason TEXT           why (recorded with who and when); --by NAME who (default $USER)
  --base-url URL          a local Kraken Futures emulator instead of Kraken (default $EXCHANGE_BASE_URL)
  --json                  machine-readable output on stdout`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    hypotheses: { type: "string" },
    symbols: { type: "string" },
    name: { type: "string" },
    equity: { type: "string" },
    production: { type: "boolean", default: false },
    "max-order-notional": { type: "string" },
    "max-account-notional": { type: "string" },
    "max-orders-per-minute": { type: "string" },
    account: { type: "string" },
    by: { type: "string" },
    reason: { type: "string" },
    yes: { type: "boolean", default: false },
    foreground: { type: "boolean", default: false },
    "base-url": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

const usd = (n: number) => `${formatNumber(n, 2)} USD`;
const who = () => values.by ?? userInfo().username;
const baseUrl = () => values["base-url"] ?? loadRuntimeEnv().EXCHANGE_BASE_URL;
const numberOption = (flag: string, text: string | undefined) => option(flag, text, text === undefined ? undefined : Number(text));

function requireAccountFlag(): string {
  if (!values.account) throw new LiveAccountError("LIVE_ACCOUNT_NOT_FOUND", "--account ID is required (see `npm run live -- status`)");
  return values.account;
}

/** Asks on the terminal; refuses without a terminal unless --yes was given. */
async function confirm(question: string, answer: string): Promise<boolean> {
  if (values.yes) return true;
  if (!process.stdin.isTTY) throw new Error(`no terminal to ask on: add --yes to ${answer} without the question`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(`${question} Type "${answer}" to go on: `)).trim() === answer;
  } finally {
    rl.close();
  }
}

/** Runs the trader in this process as a `live` job (the page sees it), with a terminal bar; Ctrl-C stops cleanly. */
async function runForeground(store: JobStore, accountId: string): Promise<void> {
  const account = await requireLiveAccount(store.db, accountId);
  if (await isLiveAccountDriven(store.db, account)) throw new LiveAccountError("LIVE_INVALID_ARMING", `live account ${account.name} already has a trader running`);
  const abort = new AbortController();
  process.on("SIGINT", () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write("\nstopping: the trader disarms the dead man's switch and leaves its stops on the exchange…\n");
    abort.abort();
  });
  const url = baseUrl();
  const echoLog = (message: string) => process.stderr.write(`\n${formatUtc(Date.now())} ${message}\n`);
  await runJobHere(store, LIVE_JOB_KIND, { accountId }, { quiet: values.json, echoLog }, (db, params, ctx) =>
    runLiveJob(db, params, ctx, { signal: abort.signal, ...(url ? { exchangeBaseUrl: url } : {}) }),
  );
}

async function changeMode(store: JobStore, to: AccountMode, reason: string): Promise<void> {
  const id = requireAccountFlag();
  const account = await requireLiveAccount(store.db, id);
  if (to === "halted" && !(await confirm(`Halt ${account.name} (${account.environment}): cancel every order and close every position at market?`, "halt"))) {
    throw new Error("not halted");
  }
  const result = await requestLiveMode(store, { accountId: id, to, by: { kind: "person", name: `${who()} (cli)` }, reason: values.reason ?? reason });
  if (!result.ok) throw new Error(result.message);
  print(values.json, { id, mode: to, message: result.message }, () => `${result.message}${result.note === undefined ? "" : `\n${result.note}`}`);
}

runCli(async () => {
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const store = await getDatabase();
  const { db, driver, location } = store;
  if (!values.json) process.stderr.write(`store: ${driver} (${location})\n`);

  if (command === "create") {
    const limits = parseOptions(liveLimitsSchema, {
      maxOrderNotional: numberOption("--max-order-notional", values["max-order-notional"]),
      maxAccountNotional: numberOption("--max-account-notional", values["max-account-notional"]),
      maxOrdersPerMinute: numberOption("--max-orders-per-minute", values["max-orders-per-minute"]),
    });
    const input = parseOptions(createLiveInputSchema, {
      name: option("--name", values.name),
      hypothesisIds: option("--hypotheses", values.hypotheses, parseList(values.hypotheses)),
      symbols: option("--symbols", values.symbols, parseList(values.symbols)),
      startingEquity: numberOption("--equity", values.equity),
      production: option("--production", undefined, values.production),
      limits: option("--max-order-notional", undefined, limits),
    });
    const account = await createLiveAccount(db, getConfig(), input);
    print(values.json, { account }, () =>
      [
        `live account ${account.id} (${account.name}) created on ${account.environment === "production" ? "PRODUCTION (real funds)" : "Kraken's demo environment"}, disarmed`,
        `next: npm run live -- arm --account ${account.id}`,
      ].join("\n"),
    );
    return;
  }
  if (command === "arm") {
    const id = requireAccountFlag();
    const account = await requireLiveAccount(db, id);
    if (account.armedAt !== null) throw new LiveAccountError("LIVE_INVALID_ARMING", `live account ${account.name} was armed by ${account.armedBy ?? "someone"} at ${formatUtc(account.armedAt.getTime())}`);
    const monitor = await liveMonitor(db, id);
    if (!monitor.keys.present) throw new LiveAccountError("LIVE_NO_KEYS", `${monitor.keys.message}; arming shows the exchange balance, which needs them`);
    const url = baseUrl();
    const exchange = createExchange({ ...(url ? { baseUrl: url } : {}), sandbox: account.environment === "demo" });
    const balance = await readAccountBalance(exchange, Date.now);
    if (balance.kind === "unknown") throw new LiveAccountError("LIVE_KEYS_REFUSED", `the exchange balance could not be read (${balance.reason}); the account is not armed`);
    const l = monitor.limits;
    process.stderr.write(
      [
        `account      ${account.name} (${account.id})`,
        `environment  ${account.environment === "production" ? "PRODUCTION: REAL FUNDS" : "demo (Kraken demo-futures)"}`,
        `instruments  ${monitor.account.symbols.join(", ")}`,
        `hypotheses   ${monitor.account.hypotheses.map((h) => `${h.name} (${h.timeframe})`).join("; ")}`,
        `limits       ${usd(l.maxOrderNotional)} per order, ${usd(l.maxAccountNotional)} per account, ${l.maxOrdersPerMinute} orders/min, never above 1× equity`,
        `switch       Kraken cancels every order ${l.deadMansSwitchSeconds} s after the trader's last refresh (every ${l.deadMansSwitchRefreshSeconds} s)`,
        `balance      ${usd(balance.balance.balance)}, available margin ${usd(balance.balance.availableMargin)}`,
        "",
      ].join("\n"),
    );
    if (!(await confirm("Arm this account: from now on its trader sends real orders.", "arm"))) throw new Error("not armed");
    const at = Date.now();
    const by = `${who()} (cli)`;
    await armLiveAccount(db, id, by, at, `${by} armed the account on ${account.environment} at ${formatUtc(at)} with a balance of ${usd(balance.balance.balance)}`);
    print(values.json, { id, armedAt: at, armedBy: by }, () => `armed. start it: npm run live -- start --account ${id}`);
    return;
  }
  if (command === "start") {
    const id = requireAccountFlag();
    if (values.foreground) return runForeground(store, id);
    const { job } = await launchLiveJob(store, id);
    print(values.json, { id, jobId: job.id }, () => `trader queued as job ${job.id}: a worker (npm start, or npm run worker) runs it; watch it on /live`);
    return;
  }
  if (command === "stop") {
    const account = await requireLiveAccount(db, requireAccountFlag());
    await changePaperStatus(store, account.paperAccountId, "stopped");
    print(values.json, { id: account.id, stopped: true }, () => `the trader of ${account.name} stops after its current step; its stops stay on the exchange`);
    return;
  }
  if (command === "reduce") return changeMode(store, "reducing", "a person asked for reduce-only");
  if (command === "halt") return changeMode(store, "halted", "a person pulled the kill switch");
  if (command === "resume") return changeMode(store, "active", "a person resumed trading");
  if (command === "status") {
    if (!values.account) {
      const accounts = await listLiveAccountSummaries(db);
      print(values.json, { accounts }, () =>
        accounts.length === 0
          ? "No live accounts. Create one: npm run live -- create --hypotheses ID --symbols BTCUSDT.P"
          : accounts.map((a) => `${a.id}  ${a.name.padEnd(20)} ${a.environment.padEnd(10)} ${a.armed ? "armed   " : "disarmed"} ${a.mode.padEnd(8)} trader ${a.driven ? "running" : a.status}`).join("\n"),
      );
      return;
    }
    const m = await liveMonitor(db, values.account);
    print(values.json, m, () => {
      const r = m.reconciliation;
      return [
        `${m.account.name} (${m.account.id}) — ${m.account.environment}, ${m.account.armed ? `armed by ${m.account.armedBy}` : "disarmed"}, ${m.account.mode}${m.account.modeReason ? ` (${m.account.modeReason})` : ""}`,
        `trader ${m.account.driven ? "running" : `${m.account.status}${m.account.error ? `: ${m.account.error}` : ""}`}; keys ${m.keys.present ? "present" : "missing"}`,
        `balance ${m.balance ? `${usd(m.balance.balance)}, available ${usd(m.balance.availableMargin)}` : "not read yet"}`,
        `last reconciliation ${r ? `${formatUtc(r.at)}${r.clean ? ", clean" : `: ${r.differences.map((d) => d.message).join("; ")}`}` : "none yet"}`,
        "positions (exchange / ledger):",
        ...(r?.positions.rows ?? []).map((p) => `  ${p.symbol}  ${p.exchangeQty === null ? "unknown" : formatNumber(p.exchangeQty, 6)} / ${formatNumber(p.ledgerQty, 6)}${p.differs ? "  DIFFERS" : ""}`),
        "open orders:",
        ...(r?.openOrders.rows ?? []).map((o) => `  ${o.role.padEnd(11)} ${o.side} ${formatNumber(o.qty, 6)} ${o.symbol} ${o.kind}${o.triggerPrice === null ? "" : ` @ ${formatNumber(o.triggerPrice, 2)}`}`),
        "last events:",
        ...m.events.slice(0, 10).map((e) => `  ${formatUtc(e.time)}  ${e.message}`),
      ].join("\n");
    });
    return;
  }
  throw new Error(`unknown command "${command}"\n${USAGE}`);
});
