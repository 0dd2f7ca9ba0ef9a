import { z } from "zod";
import type { Database } from "@/db/client";
import { createJob, finishQueuedJob, getJob, type JobRow } from "@/db/queries/jobs";
import { getConfig, loadRuntimeEnv } from "@/lib/config";
import { errorMessage } from "@/lib/error-message";
import { parseCandleFile } from "@/lib/market/parse-candle-file";
import { parseFundingFile } from "@/lib/market/parse-funding-file";
import { fetchMarketData, fetchParamsSchema } from "./fetch-market-data";
import { generateMarketData, generateParamsSchema } from "./generate-market-data";
import { importJobParamsSchema, runImportJob } from "./import-market-file";
import type { JobContext } from "./job-context";
import { backtestParamsSchema, runBacktests } from "./run-backtests";
import { runDiscovery } from "./run-discovery";
import { pipelineParamsSchema, runPipeline } from "./run-pipeline";
import { PAPER_JOB_KIND, paperJobParamsSchema, runPaperJob } from "./paper/paper-job";
import { LIVE_JOB_KIND, liveJobParamsSchema, runLiveJob } from "./live/live-job";
import { RESEARCH_LOOP_JOB_KIND, researchLoopParamsSchema } from "./research-loop/research-loop-params";
import { runResearchLoop } from "./research-loop/run-research-loop";
import { enqueueJob, JOB_QUEUE, PAPER_QUEUE, type QueuedJob } from "./job-queue";
import { executeJob, type JobStore } from "./run-job";

export const JOB_KINDS = ["generate", "import", "fetch", "discovery", "backtest", "pipeline", RESEARCH_LOOP_JOB_KIND] as const;
export const jobKindSchema = z.enum(JOB_KINDS);
export type JobKindName = z.infer<typeof jobKindSchema>;
/**
 * Every kind a worker runs: the ones above (what POST /api/jobs accepts), paper accounts (started through
 * /api/paper) and live accounts (started by `npm run live -- start`).
 */
const queuedJobKindSchema = z.enum([...JOB_KINDS, PAPER_JOB_KIND, LIVE_JOB_KIND]);
/** Accounts run until stopped: they have a queue of their own, so they never wait behind research. */
const ACCOUNT_KINDS: readonly QueuedJobKindName[] = [PAPER_JOB_KIND, LIVE_JOB_KIND];
export type QueuedJobKindName = z.infer<typeof queuedJobKindSchema>;

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

/** Starting a job (validated, recorded, queued), and running one a worker took from the queue. */
interface JobStarter {
  /** Whether the job row holds every parameter (not so for a kind that records less, as an import leaves out its file). */
  readonly paramsInRow: boolean;
  start(store: JobStore, rawParams: unknown): Promise<JobRow>;
  runQueued(store: JobStore, job: JobRow, rawParams: unknown): Promise<void>;
}

/** A queued job's parameters, which may come from an older row or a hand-made message: refused as the start refuses them. */
function parseQueuedParams<P>(schema: z.ZodType<P>, raw: unknown): P {
  const result = schema.safeParse(raw);
  if (!result.success) throw new Error(`the job's parameters are refused: ${z.prettifyError(result.error)}`);
  return result.data;
}

function defineJobKind<P>(name: QueuedJobKindName, kind: JobKind<P>): JobStarter {
  return {
    paramsInRow: kind.record === undefined,
    async start({ db, url }, rawParams) {
      const params = kind.paramsSchema.parse(rawParams);
      kind.precheck?.(params);
      const job = await createJob(db, name, kind.record ? kind.record(params) : params);
      try {
        await enqueueJob(url, { jobId: job.id, kind: name, params: rawParams }, ACCOUNT_KINDS.includes(name) ? PAPER_QUEUE : JOB_QUEUE);
      } catch (error) {
        await finishQueuedJob(db, job.id, `could not be queued: ${errorMessage(error)}`);
        throw error;
      }
      return job;
    },
    async runQueued(store, job, rawParams) {
      // Parsed as strictly as at the start, inside the run, so params that would be refused there fail the job here.
      await executeJob(store, job, rawParams, (jobDb, raw, ctx) => kind.run(jobDb, parseQueuedParams(kind.paramsSchema, raw), ctx));
    },
  };
}

const fmt = (n: number) => n.toLocaleString("en-US");

const STARTERS: Record<QueuedJobKindName, JobStarter> = {
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
    paramsSchema: importJobParamsSchema,
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
      const report = await runImportJob(db, params, text, ctx);
      await ctx.log(`${report.symbol}: ${fmt(report.rows)} ${report.kind === "funding" ? "funding rates" : `${params.timeframe ?? "1m"} candles`} from ${params.fileName}`);
      return report;
    },
  }),
  fetch: defineJobKind("fetch", {
    paramsSchema: fetchParamsSchema,
    run: (db, params, ctx) => fetchMarketData(db, params, ctx.progress, { log: (m) => ctx.log(m), exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL }),
  }),
  discovery: defineJobKind("discovery", {
    paramsSchema: z.strictObject({ quick: z.boolean().default(false) }),
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
    run: (db, params, ctx) => runBacktests(db, getConfig(), params, { progress: ctx.progress, log: (m) => ctx.log(m), jobId: ctx.jobId, queueUrl: ctx.queueUrl, signal: ctx.signal }),
  }),
  pipeline: defineJobKind("pipeline", {
    paramsSchema: pipelineParamsSchema,
    run: (db, params, ctx) =>
      runPipeline(db, getConfig(), params, {
        progress: (phase) => (done, total, step) => ctx.progress(done, total, step ? `${phase}: ${step}` : phase),
        say: (line) => ctx.log(line),
        jobId: ctx.jobId,
        queueUrl: ctx.queueUrl,
        signal: ctx.signal,
        exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL,
      }),
  }),
  [RESEARCH_LOOP_JOB_KIND]: defineJobKind(RESEARCH_LOOP_JOB_KIND, {
    paramsSchema: researchLoopParamsSchema,
    run: (db, params, ctx) => runResearchLoop(db, getConfig(), params, ctx, { exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL }),
  }),
  [PAPER_JOB_KIND]: defineJobKind(PAPER_JOB_KIND, {
    paramsSchema: paperJobParamsSchema,
    run: (db, params, ctx) => runPaperJob(db, params, ctx, { exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL }),
  }),
  [LIVE_JOB_KIND]: defineJobKind(LIVE_JOB_KIND, {
    paramsSchema: liveJobParamsSchema,
    run: (db, params, ctx) => runLiveJob(db, params, ctx, { exchangeBaseUrl: loadRuntimeEnv().EXCHANGE_BASE_URL }),
  }),
};

/**
 * Validates a job's parameters for its kind, records it and queues it for a worker process (pg-boss); answers at
 * once. Throws ZodError or JobParamsError on bad input, before any row exists.
 */
export function startJob(store: JobStore, kind: QueuedJobKindName, rawParams: unknown): Promise<JobRow> {
  return STARTERS[kind].start(store, rawParams);
}

/** The research kinds a worker can run from the job row alone, when the row's queue message was lost. */
export function kindsRunnableFromRow(): JobKindName[] {
  return JOB_KINDS.filter((kind) => STARTERS[kind].paramsInRow);
}

/** Runs a job a worker took from the queue; a job already started, finished or cancelled elsewhere is left alone. */
export async function runQueuedJob(store: JobStore, queued: QueuedJob): Promise<void> {
  const job = await getJob(store.db, queued.jobId);
  if (!job || job.status !== "queued") return;
  const kind = queuedJobKindSchema.parse(queued.kind);
  await STARTERS[kind].runQueued(store, job, queued.params);
}
