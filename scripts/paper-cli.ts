import { parseArgs } from "node:util";
import { getDatabase } from "@/db/connection";
import type { Database } from "@/db/client";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { formatUtc } from "@/lib/format";
import { changePaperStatus } from "@/lib/jobs/paper/change-paper-status";
import { PaperAccountError } from "@/lib/jobs/paper/errors";
import { assertNotDriven, assertResumable, requirePaperAccount } from "@/lib/jobs/paper/launch-paper-job";
import { PAPER_JOB_KIND, runPaperJob } from "@/lib/jobs/paper/paper-job";
import { listPaperAccountSummaries, paperComparison, paperMonitor } from "@/lib/jobs/paper/paper-monitor";
import type { PaperRunResult } from "@/lib/jobs/paper/run-paper-account";
import { createPaperAccount, startPaperInputSchema } from "@/lib/jobs/paper/start-paper-account";
import type { JobStore } from "@/lib/jobs/run-job";
import { parseDateRange } from "./cli/parse-date";
import { parseList } from "./cli/parse-list";
import { CliOptionError, option, parseOptions } from "./cli/parse-options";
import { printResult as print } from "./cli/print-result";
import { runCli } from "./cli/run-cli";
import { runJobHere } from "./cli/run-job-here";

const USAGE = `usage: npm run paper -- <command> [options]

commands:
  start [--hypotheses id1,id2] [--symbols A,B] [--from D --to D] [--speed-ms N] [--name NAME] [--equity N]
                          create a paper account and replay it in the foreground (Ctrl-C stops cleanly);
                          without --hypotheses, the final report's recommendations
  resume --account ID     continue a stopped account after its last committed bar
  stop --account ID       stop the account and cancel its job; the process running it (a worker, or this CLI) stops
  status [--account ID]   equity, open positions, trades, circuit breakers (all accounts without --account)
options:
  --feed replay|live      replay stored candles (default) or poll Kraken Futures live (closed bars, funding)
  --base-url URL          live feed only: point ccxt at a local Kraken Futures emulator instead of Kraken
                          (default $EXCHANGE_BASE_URL)
  --json                  machine-readable output on stdout`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    hypotheses: { type: "string" },
    symbols: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "speed-ms": { type: "string" },
    name: { type: "string" },
    equity: { type: "string" },
    account: { type: "string" },
    feed: { type: "string" },
    "base-url": { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});


const money = (n: number) => n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(1)}%`);

function requireAccountFlag(): string {
  if (!values.account) throw new PaperAccountError("PAPER_ACCOUNT_NOT_FOUND", "--account ID is required (see `npm run paper -- status`)", { field: "account" });
  return values.account;
}

/**
 * Runs the account in this process as a `paper` job (so the web page sees its progress and can stop it), with a
 * terminal bar; Ctrl-C aborts cleanly. The job row is created and run here, never queued, so no worker takes it.
 */
async function runForeground(store: JobStore, accountId: string): Promise<PaperRunResult | null> {
  const account = await requirePaperAccount(store.db, accountId);
  assertResumable(account);
  await assertNotDriven(store.db, account);
  const exchangeBaseUrl = values["base-url"] ?? loadRuntimeEnv().EXCHANGE_BASE_URL;
  return runJobHere(store, PAPER_JOB_KIND, { accountId }, { quiet: values.json }, (db, params, ctx) => runPaperJob(db, params, ctx, { signal: abort.signal, ...(exchangeBaseUrl ? { exchangeBaseUrl } : {}) }));
}

async function reportRun(db: Database, accountId: string, result: PaperRunResult | null): Promise<void> {
  const monitor = await paperMonitor(db, accountId);
  print(values.json, { accountId, run: result, summary: monitor.summary, breaker: monitor.breaker }, () => {
    const how = result?.endedBy === "end" ? "replayed to the end of its period" : result?.endedBy === "abort" ? "interrupted" : "stopped";
    const speed = result ? `${result.bars} bars in ${result.seconds.toFixed(1)} s (${result.barsPerSecond.toFixed(0)} bars/s)` : "";
    const resume = result?.endedBy === "end" ? "" : `\nresume with: npm run paper -- resume --account ${accountId}`;
    return `account ${accountId} ${how}${speed ? `: ${speed}` : ""}\nequity ${money(monitor.summary.equity)} (${pct(monitor.summary.returnPct)}), ${monitor.summary.trades} trades, ${monitor.summary.openPositions} open${resume}`;
  });
}

/** Ctrl-C: the replay stops after committing the bar in hand (installed before loading, so a Ctrl-C then counts too). */
const abort = new AbortController();
function stopOnCtrlC(): void {
  process.on("SIGINT", () => {
    if (abort.signal.aborted) process.exit(130); // a second Ctrl-C: leave now (the last committed bar is safe)
    if (!values.json) process.stderr.write("\nstopping after the current bar is committed…\n");
    abort.abort();
  });
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

  if (command === "start") {
    stopOnCtrlC();
    if (values.feed !== undefined && values.feed !== "live" && values.feed !== "replay") throw new CliOptionError("--feed", values.feed, "must be replay or live");
    const { fromMs, toMs } = parseDateRange(values.from, values.to);
    const input = parseOptions(startPaperInputSchema, {
      name: option("--name", values.name),
      hypothesisIds: option("--hypotheses", values.hypotheses, parseList(values.hypotheses)),
      symbols: option("--symbols", values.symbols, parseList(values.symbols)),
      from: option("--from", values.from, fromMs),
      to: option("--to", values.to, toMs),
      speedMs: option("--speed-ms", values["speed-ms"], values["speed-ms"] === undefined ? 0 : Number(values["speed-ms"])),
      startingEquity: option("--equity", values.equity, values.equity === undefined ? undefined : Number(values.equity)),
      feed: option("--feed", values.feed, values.feed === "live" ? "live" : "replay"),
    });
    const account = await createPaperAccount(db, getConfig(), input);
    if (!values.json) process.stderr.write(`account ${account.id} (${account.name}) created\n`);
    await reportRun(db, account.id, await runForeground(store, account.id));
    return;
  }
  if (command === "resume") {
    stopOnCtrlC();
    const id = requireAccountFlag();
    await reportRun(db, id, await runForeground(store, id));
    return;
  }
  if (command === "stop") {
    const id = requireAccountFlag();
    await changePaperStatus(store, id, "stopped");
    print(values.json, { id, status: "stopped" }, () => `account ${id} stopped; the process running it stops after its current bar`);
    return;
  }
  if (command === "status") {
    if (!values.account) {
      const accounts = await listPaperAccountSummaries(db);
      print(values.json, { accounts }, () =>
        accounts.length === 0
          ? "No paper accounts. Start one: npm run paper -- start --hypotheses ID"
          : accounts
              .map((a) => `${a.id}  ${a.name.padEnd(24)} ${a.status.padEnd(8)} equity ${money(a.equity).padStart(12)}  last bar ${a.lastProcessedTime === null ? "—" : formatUtc(a.lastProcessedTime)}${a.finished ? "  (finished)" : ""}`)
              .join("\n"),
      );
      return;
    }
    const m = await paperMonitor(db, values.account);
    const comparison = await paperComparison(db, values.account, getConfig().edgeThresholds.minTrades);
    print(values.json, { ...m, equity: undefined, comparison }, () => {
      const lines = [
        `${m.account.name} (${m.account.id}) — ${m.account.status}${m.account.finished ? ", finished" : ""}${m.account.error ? `, error: ${m.account.error}` : ""}`,
        `equity ${money(m.summary.equity)} (${pct(m.summary.returnPct)}), realised ${money(m.summary.realised)}, ${m.summary.trades} trades, last bar ${m.feed.lastBarTime === null ? "—" : formatUtc(m.feed.lastBarTime)}`,
        `breakers: daily loss ${m.breaker.dailyHalted ? `paused until ${formatUtc(m.breaker.dailyPausedUntil ?? 0)}` : "ok"}; drawdown ${m.breaker.drawdownHaltedAt === null ? "ok" : `halted at ${formatUtc(m.breaker.drawdownHaltedAt)}`}`,
        `open positions (${m.positions.length}):`,
        ...m.positions.map((p) => `  ${p.legId}  ${p.side} ${p.qty.toPrecision(4)} @ ${p.entryPrice} since ${formatUtc(p.entryTime)}  unrealised ${money(p.unrealised)}`),
        "paper vs backtest:",
        ...comparison.rows.map(
          (r) =>
            `  ${r.hypothesisName} ${r.symbol}: paper ${r.paper.trades} trades, win ${pct(r.paper.winRate)}; backtest ${r.backtest ? `${r.backtest.trades} trades, win ${pct(r.backtest.winRate)}` : "none"}${r.drift.state === "drift" ? `  DRIFT (paper ${r.drift.direction})` : r.drift.state === "too_few_trades" ? `  (not enough trades to judge drift: ${r.drift.trades} of ${r.drift.minTrades})` : ""}`,
        ),
      ];
      return lines.join("\n");
    });
    return;
  }
  throw new Error(`unknown command "${command}"\n${USAGE}`);
});
