import { z } from "zod";
import type { Database } from "@/db/client";
import { createJob, getJob, type JobRow } from "@/db/queries/jobs";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { parseCandleFile } from "@/lib/market/parse-candle-file";
import { parseFundingFile } from "@/lib/market/parse-funding-file";
import { fetchMarketData, fetchParamsSchema } from "./fetch-market-data";
import { generateMarketData, generateParamsSchema } from "./generate-market-data";
import { importMarketFile, importParamsSchema } from "./import-market-file";
import type { JobContext } from "./job-context";
import { backtestParamsSchema, runBacktests } from "./run-backtests";
import { runDiscovery } from "./run-discovery";
import { pipelineParamsSchema, runPipeline } from "./run-pipeline";
import { enqueueJob, type QueuedJob } from "./job-queue";
import { executeJob, startJobInProcess } from "./run-job";

export const JOB_KINDS = ["generate", "import", "fetch", "discovery", "backtest", "pipeline"] as const;
export const jobKindSchema = z.enum(JOB_KINDS);
export type JobKindName = z.infer<typeof jobKindSchema>;

/** Largest file the browser may send for import; larger files go through `npm run data -- import`. */
export const MAX_IMPORT_CHARS = 20 * 1024 * 1024;

/** Input that parses as JSON but is refused before any job exists; `field` names the input to fix. */
export class JobParamsError extends Error {
  readonly code = "JOB_PARAMS_INVALID";
  constructor(
    message: string,
    readonly field: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "JobParamsError";
  }
}

interface JobKind<P> {
  readonly paramsSchema: z.ZodType<P>;
  /** Checks beyond the schema, run before the job row exists, so refused input leaves no trace. */
  readonly precheck?: (params: P) => void;
  /** What the job row records (an import keeps its file text out of the database). */
  readonly record?: (params: P) => unknown;
  readonly run: (db: Database, params: P, ctx: JobContext) => Promise<unknown>;
}

/** Starting a job (in this process, or through the queue), and running one a worker took from the queue. */
interface JobStarter {
  start(db: Database, rawParams: unknown, queueUrl: string | undefined): Promise<JobRow>;
  runQueued(db: Database, job: JobRow, rawParams: unknown): Promise<void>;
}

/**
 * PGlite runs queries on this thread and a transaction's statements can follow each other in microtasks alone, so
 * without a macrotask turn no HTTP response (the job's own 202, a progress poll) is written until the job is done.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A context whose progress reports never wait on the database. upsertCandles reports batches from inside its
 * transaction; with PGlite (one connection) an awaited progress write there waits for that very transaction, and the
 * job and every request after it hang. Reports are coalesced to the latest and written in the background; a cancel
 * request that a write detects is thrown at the next report.
 */
function detachedProgress(ctx: JobContext): { ctx: JobContext; settle(): Promise<void> } {
  let latest: [number, number, string | undefined] | null = null;
  let writing: Promise<void> | null = null;
  let failure: unknown = null;
  const drain = async () => {
    while (latest && failure === null) {
      const [done, total, step] = latest;
      latest = null;
      try {
        await ctx.progress(done, total, step);
      } catch (error) {
        failure = error;
      }
    }
  };
  const kick = () => {
    if (writing || !latest || failure !== null) return;
    writing = drain().finally(() => {
      writing = null;
      kick();
    });
  };
  return {
    ctx: {
      jobId: ctx.jobId,
      log: (message, level) => ctx.log(message, level),
      async progress(done, total, step) {
        if (failure !== null) throw failure;
        latest = [done, total, step];
        kick();
        await yieldToEventLoop();
      },
    },
    /** Waits for the last report to be written, so the row shows the final progress before the job is finished. */
    async settle() {
      while (writing) await writing;
    },
  };
}

function defineJobKind<P>(name: JobKindName, kind: JobKind<P>): JobStarter {
  const handler = async (jobDb: Database, params: P, ctx: JobContext) => {
    const detached = detachedProgress(ctx);
    await yieldToEventLoop();
    try {
      return await kind.run(jobDb, params, detached.ctx);
    } finally {
      await detached.settle();
    }
  };
  return {
    async start(db, rawParams, queueUrl) {
      const params = kind.paramsSchema.parse(rawParams);
      kind.precheck?.(params);
      const recorded = kind.record ? kind.record(params) : params;
      if (!queueUrl) return startJobInProcess(db, name, recorded, (jobDb, _recorded, ctx) => handler(jobDb, params, ctx));
      // A PostgreSQL server: the row is visible to every process at once, and the queue hands the work to one worker.
      const job = await createJob(db, name, recorded);
      await enqueueJob(queueUrl, { jobId: job.id, kind: name, params: rawParams });
      return job;
    },
    async runQueued(db, job, rawParams) {
      await executeJob(db, job, kind.paramsSchema.parse(rawParams), handler);
    },
  };
}

const importJobSchema = z.intersection(
  z.object({ text: z.string().min(1, "the file is empty").max(MAX_IMPORT_CHARS, `the file is larger than ${MAX_IMPORT_CHARS / 1024 / 1024} MB`) }),
  importParamsSchema,
);

const fmt = (n: number) => n.toLocaleString("en-US");

const STARTERS: Record<JobKindName, JobStarter> = {
  generate: defineJobKind("generate", {
    paramsSchema: generateParamsSchema,
    async run(db, params, ctx) {
      const report = await generateMarketData(db, params, ctx.progress);
      for (const i of report.instruments) {
        const resampled = i.resampled.map((r) => `${r.timeframe} ${fmt(r.rows)}`).join(", ");
        await ctx.log(`${i.symbol}: ${fmt(i.candles1m)} 1m candles, ${fmt(i.fundingRates)} funding rates; ${resampled}`);
      }
      return report;
    },
  }),
  import: defineJobKind("import", {
    paramsSchema: importJobSchema,
    // Parsed here as well as in the job so a malformed file is answered at once, next to the file field.
    precheck(params) {
      try {
        if (params.kind === "funding") parseFundingFile(params.text, { fileName: params.fileName });
        else parseCandleFile(params.text, { fileName: params.fileName });
      } catch (error) {
        if (error instanceof Error && "code" in error && error.code === "IMPORT_FORMAT_INVALID") throw new JobParamsError(error.message, "text", { cause: error });
        throw error;
      }
    },
    record: ({ text, ...rest }) => ({ ...rest, chars: text.length }),
    async run(db, { text, ...params }, ctx) {
      const report = await importMarketFile(db, params, text, ctx.progress);
      await ctx.log(`${report.symbol}: ${fmt(report.rows)} ${report.kind === "funding" ? "funding rates" : `${params.timeframe ?? "1m"} candles`} from ${params.fileName}`);
      return report;
    },
  }),
  fetch: defineJobKind("fetch", {
    paramsSchema: fetchParamsSchema,
    run: (db, params, ctx) => fetchMarketData(db, params, ctx.progress, { log: (m) => ctx.log(m) }),
  }),
  discovery: defineJobKind("discovery", {
    paramsSchema: z.object({ quick: z.boolean().default(false) }),
    async run(db, params, ctx) {
      await ctx.progress(0, 1, "generating hypotheses from the catalog");
      const report = await runDiscovery(db, getConfig(), { quick: params.quick });
      const perTimeframe = Object.entries(report.perTimeframe).map(([tf, n]) => `${tf} ${n}`).join(", ");
      await ctx.log(`${report.hypotheses.length} hypotheses stored (${perTimeframe}); written to ${report.file}`);
      await ctx.progress(1, 1, "stored");
      return { count: report.hypotheses.length, perTimeframe: report.perTimeframe, file: report.file };
    },
  }),
  backtest: defineJobKind("backtest", {
    paramsSchema: backtestParamsSchema,
    run: (db, params, ctx) => runBacktests(db, getConfig(), params, { progress: ctx.progress, log: (m) => ctx.log(m), jobId: ctx.jobId }),
  }),
  pipeline: defineJobKind("pipeline", {
    paramsSchema: pipelineParamsSchema,
    run: (db, params, ctx) =>
      runPipeline(db, getConfig(), params, { progress: (phase) => (done, total, step) => ctx.progress(done, total, step ? `${phase}: ${step}` : phase), say: (line) => ctx.log(line), jobId: ctx.jobId }),
  }),
};

/**
 * Validates a job's parameters for its kind and starts it: in this process on the embedded store, through the pg-boss
 * queue on a PostgreSQL server (DATABASE_URL). Throws ZodError or JobParamsError on bad input, before any row exists.
 */
export function startJob(db: Database, kind: JobKindName, rawParams: unknown, queueUrl = loadRuntimeEnv().DATABASE_URL): Promise<JobRow> {
  return STARTERS[kind].start(db, rawParams, queueUrl);
}

/** Runs a job a worker took from the queue; a job already started, finished or cancelled elsewhere is left alone. */
export async function runQueuedJob(db: Database, queued: QueuedJob): Promise<void> {
  const job = await getJob(db, queued.jobId);
  if (!job || job.status !== "queued") return;
  const kind = jobKindSchema.parse(queued.kind);
  await STARTERS[kind].runQueued(db, job, queued.params);
}
